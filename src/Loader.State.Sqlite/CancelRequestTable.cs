using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The <c>cancel_requests</c> table: at most one request to cancel each run, which its runner polls.</summary>
internal static class CancelRequestTable
{
    /// <summary>Inserts <paramref name="request"/> unless its run has one; true when inserted.</summary>
    public static async Task<bool> InsertAsync(SqliteConnection connection, CancelRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cancel_requests (run_id, requested_by, requested) VALUES ($run_id, $requested_by, $requested)
            ON CONFLICT (run_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$run_id", request.RunId);
        command.Parameters.AddWithValue("$requested_by", request.RequestedBy);
        command.Parameters.AddWithValue("$requested", StoredValue.Time(request.Requested));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The request to cancel <paramref name="runId"/>, or null.</summary>
    public static async Task<CancelRequest?> SelectAsync(SqliteConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT requested_by, requested FROM cancel_requests WHERE run_id = $run_id;";
        command.Parameters.AddWithValue("$run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CancelRequest(runId, reader.GetString(0), StoredValue.ReadTime(reader.GetInt64(1)))
            : null;
    }
}
