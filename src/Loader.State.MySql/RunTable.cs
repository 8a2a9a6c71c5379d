using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>The <c>runs</c> table: one row per run, its id handed out by the server.</summary>
internal static class RunTable
{
    private const string Columns = "id, workflow, parameters, runner, status, started, finished, summary";

    /// <summary>Inserts a running run and returns its id.</summary>
    public static async Task<long> InsertAsync(MySqlConnection connection, RunStart run, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "INSERT INTO runs (workflow, parameters, runner, status, started) VALUES (@workflow, @parameters, @runner, @status, @started)", connection);
        command.Parameters.AddWithValue("@workflow", run.Workflow);
        command.Parameters.AddWithValue("@parameters", run.Parameters);
        command.Parameters.AddWithValue("@runner", run.Runner);
        command.Parameters.AddWithValue("@status", StoredValue.Status(RunStatus.Running));
        command.Parameters.AddWithValue("@started", StoredValue.Time(run.Started));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return command.LastInsertedId;
    }

    /// <summary>Records how run <paramref name="runId"/> ended; false when there is no such run.</summary>
    public static async Task<bool> FinishAsync(
        MySqlConnection connection, long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("UPDATE runs SET status = @status, finished = @finished, summary = @summary WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", runId);
        command.Parameters.AddWithValue("@status", StoredValue.Status(status));
        command.Parameters.AddWithValue("@finished", StoredValue.Time(finished));
        command.Parameters.AddWithValue("@summary", summary);
        // Rows matched, not rows changed: the connection string leaves UseAffectedRows off.
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Up to <paramref name="limit"/> runs, newest first, of <paramref name="workflow"/> or of all.</summary>
    public static async Task<IReadOnlyList<RunRecord>> SelectNewestAsync(
        MySqlConnection connection, string? workflow, int limit, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection };
        command.CommandText = workflow is null
            ? $"SELECT {Columns} FROM runs ORDER BY id DESC LIMIT @limit"
            : $"SELECT {Columns} FROM runs WHERE workflow = @workflow ORDER BY id DESC LIMIT @limit";
        command.Parameters.AddWithValue("@limit", limit);
        if (workflow is not null)
        {
            command.Parameters.AddWithValue("@workflow", workflow);
        }
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Run <paramref name="runId"/>, or null.</summary>
    public static async Task<RunRecord?> SelectAsync(MySqlConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT {Columns} FROM runs WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", runId);
        var runs = await ReadAllAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    private static async Task<IReadOnlyList<RunRecord>> ReadAllAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                Id: reader.GetInt64(0),
                Workflow: reader.GetString(1),
                Parameters: reader.GetString(2),
                Runner: reader.GetString(3),
                Status: StoredValue.ReadStatus<RunStatus>(reader.GetString(4)),
                Started: StoredValue.ReadTime(reader.GetInt64(5)),
                Finished: reader.IsDBNull(6) ? null : StoredValue.ReadTime(reader.GetInt64(6)),
                Summary: reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return runs;
    }
}
