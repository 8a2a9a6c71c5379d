using System.Data.Common;

namespace Loader.State;

/// <summary>
/// How every state store reads its runs and attempts back: the columns in one order, each row into its record, so
/// the stores agree on them as they do on <see cref="StoredValue"/>.
/// </summary>
public static class StoredRows
{
    /// <summary>The columns of the <c>runs</c> table a <see cref="RunRecord"/> is read from, in order.</summary>
    public const string RunColumns = "id, workflow, parameters, runner, status, started, finished, summary";

    /// <summary>The columns of the <c>attempts</c> table an <see cref="AttemptRecord"/> is read from, in order.</summary>
    public const string AttemptColumns = "run_id, task_key, task, family, attempt, status, started, finished, error, log_path";

    /// <summary>Every run <paramref name="command"/> selects (<see cref="RunColumns"/>).</summary>
    public static async Task<IReadOnlyList<RunRecord>> ReadRunsAsync(DbCommand command, CancellationToken cancellationToken)
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

    /// <summary>Every attempt <paramref name="command"/> selects (<see cref="AttemptColumns"/>).</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> ReadAttemptsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var attempts = new List<AttemptRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(new AttemptRecord(
                RunId: reader.GetInt64(0),
                TaskKey: reader.GetString(1),
                Task: reader.GetString(2),
                Family: reader.GetString(3),
                Attempt: reader.GetInt32(4),
                Status: StoredValue.ReadStatus<AttemptStatus>(reader.GetString(5)),
                Started: StoredValue.ReadTime(reader.GetInt64(6)),
                Finished: reader.IsDBNull(7) ? null : StoredValue.ReadTime(reader.GetInt64(7)),
                Error: reader.IsDBNull(8) ? null : reader.GetString(8),
                LogPath: reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return attempts;
    }
}
