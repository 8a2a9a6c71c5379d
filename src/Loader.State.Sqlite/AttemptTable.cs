using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The <c>attempts</c> table: one row per attempt of a task in a run.</summary>
internal static class AttemptTable
{
    private const string Upsert = """
        INSERT INTO attempts (run_id, task_key, task, family, attempt, status, started, finished, error, log_path)
        VALUES ($run_id, $task_key, $task, $family, $attempt, $status, $started, $finished, $error, $log_path)
        ON CONFLICT (run_id, task_key, attempt) DO UPDATE SET
            task = excluded.task,
            family = excluded.family,
            status = excluded.status,
            started = excluded.started,
            finished = excluded.finished,
            error = excluded.error,
            log_path = excluded.log_path;
        """;

    /// <summary>Inserts or updates <paramref name="attempts"/> inside <paramref name="transaction"/>, with one prepared statement.</summary>
    public static async Task UpsertAsync(SqliteTransaction transaction, IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        var runId = command.Parameters.Add("$run_id", SqliteType.Integer);
        var taskKey = command.Parameters.Add("$task_key", SqliteType.Text);
        var task = command.Parameters.Add("$task", SqliteType.Text);
        var family = command.Parameters.Add("$family", SqliteType.Text);
        var attempt = command.Parameters.Add("$attempt", SqliteType.Integer);
        var status = command.Parameters.Add("$status", SqliteType.Text);
        var started = command.Parameters.Add("$started", SqliteType.Integer);
        var finished = command.Parameters.Add("$finished", SqliteType.Integer);
        var error = command.Parameters.Add("$error", SqliteType.Text);
        var logPath = command.Parameters.Add("$log_path", SqliteType.Text);
        command.Prepare();

        foreach (var record in attempts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runId.Value = record.RunId;
            taskKey.Value = record.TaskKey;
            task.Value = record.Task;
            family.Value = record.Family;
            attempt.Value = record.Attempt;
            status.Value = StoredValue.Status(record.Status);
            started.Value = StoredValue.Time(record.Started);
            finished.Value = StoredValue.Time(record.Finished);
            error.Value = StoredValue.Text(record.Error);
            logPath.Value = StoredValue.Text(record.LogPath);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The attempts of run <paramref name="runId"/>, in the order they started.</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> SelectOfRunAsync(SqliteConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {StoredRows.AttemptColumns}
            FROM attempts WHERE run_id = $run_id
            ORDER BY started, attempt, task_key;
            """;
        command.Parameters.AddWithValue("$run_id", runId);
        return await StoredRows.ReadAttemptsAsync(command, cancellationToken);
    }
}
