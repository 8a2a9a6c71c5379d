using System.Text;
using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>The <c>attempts</c> table: one row per attempt of a task in a run.</summary>
internal static class AttemptTable
{
    // Rows per INSERT: one round trip for a typical batch, well under max_allowed_packet.
    private const int RowsPerStatement = 200;

    /// <summary>Inserts or updates <paramref name="attempts"/> inside <paramref name="transaction"/>, many rows per statement.</summary>
    public static async Task UpsertAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken)
    {
        foreach (var chunk in attempts.Chunk(RowsPerStatement))
        {
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var sql = new StringBuilder($"INSERT INTO attempts ({StoredRows.AttemptColumns}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var record = chunk[i];
                sql.Append(i == 0 ? "" : ",").Append($"(@r{i},@k{i},@t{i},@f{i},@a{i},@s{i},@b{i},@e{i},@x{i},@l{i})");
                command.Parameters.AddWithValue($"@r{i}", record.RunId);
                command.Parameters.AddWithValue($"@k{i}", record.TaskKey);
                command.Parameters.AddWithValue($"@t{i}", record.Task);
                command.Parameters.AddWithValue($"@f{i}", record.Family);
                command.Parameters.AddWithValue($"@a{i}", record.Attempt);
                command.Parameters.AddWithValue($"@s{i}", StoredValue.Status(record.Status));
                command.Parameters.AddWithValue($"@b{i}", StoredValue.Time(record.Started));
                command.Parameters.AddWithValue($"@e{i}", StoredValue.Time(record.Finished));
                command.Parameters.AddWithValue($"@x{i}", StoredValue.Text(record.Error));
                command.Parameters.AddWithValue($"@l{i}", StoredValue.Text(record.LogPath));
            }
            sql.Append("""
                 ON DUPLICATE KEY UPDATE task = VALUES(task), family = VALUES(family), status = VALUES(status), started = VALUES(started),
                 finished = VALUES(finished), error = VALUES(error), log_path = VALUES(log_path)
                """);
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The attempts of run <paramref name="runId"/>, in the order they started.</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> SelectOfRunAsync(MySqlConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"SELECT {StoredRows.AttemptColumns} FROM attempts WHERE run_id = @run_id ORDER BY started, attempt, task_key", connection);
        command.Parameters.AddWithValue("@run_id", runId);
        return await StoredRows.ReadAttemptsAsync(command, cancellationToken);
    }
}
