using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The <c>runs</c> table: one row per run, its id handed out by SQLite.</summary>
internal static class RunTable
{
    /// <summary>Inserts a running run and returns its id.</summary>
    public static async Task<long> InsertAsync(SqliteConnection connection, RunStart run, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (workflow, parameters, runner, status, started)
            VALUES ($workflow, $parameters, $runner, $status, $started)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$workflow", run.Workflow);
        command.Parameters.AddWithValue("$parameters", run.Parameters);
        command.Parameters.AddWithValue("$runner", run.Runner);
        command.Parameters.AddWithValue("$status", StoredValue.Status(RunStatus.Running));
        command.Parameters.AddWithValue("$started", StoredValue.Time(run.Started));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records how run <paramref name="runId"/> ended; false when there is no such run.</summary>
    public static async Task<bool> FinishAsync(
        SqliteConnection connection, long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET status = $status, finished = $finished, summary = $summary WHERE id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$status", StoredValue.Status(status));
        command.Parameters.AddWithValue("$finished", StoredValue.Time(finished));
        command.Parameters.AddWithValue("$summary", summary);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Up to <paramref name="limit"/> runs, newest first, of <paramref name="workflow"/> or of all.</summary>
    public static async Task<IReadOnlyList<RunRecord>> SelectNewestAsync(
        SqliteConnection connection, string? workflow, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = workflow is null
            ? $"SELECT {StoredRows.RunColumns} FROM runs ORDER BY id DESC LIMIT $limit;"
            : $"SELECT {StoredRows.RunColumns} FROM runs WHERE workflow = $workflow ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        if (workflow is not null)
        {
            command.Parameters.AddWithValue("$workflow", workflow);
        }
        return await StoredRows.ReadRunsAsync(command, cancellationToken);
    }

    /// <summary>Run <paramref name="runId"/>, or null.</summary>
    public static async Task<RunRecord?> SelectAsync(SqliteConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.RunColumns} FROM runs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        var runs = await StoredRows.ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }
}
