using System.Data.Common;

namespace Loader.State;

/// <summary>
/// How every state store reads its runs, attempts and fires back: the columns in one order, each row into its record, so
/// the stores agree on them as they do on <see cref="StoredValue"/>.
/// </summary>
public static class StoredRows
{
    /// <summary>The columns of the <c>runs</c> table a <see cref="RunRecord"/> is read from, in order.</summary>
    public const string RunColumns = "id, workflow, parameters, runner, status, started, finished, summary";

    /// <summary>The columns of the <c>attempts</c> table an <see cref="AttemptRecord"/> is read from, in order.</summary>
    public const string AttemptColumns = "run_id, task_key, task, family, attempt, status, started, finished, error, log_path";

    /// <summary>The columns of the <c>fires</c> table a <see cref="FireRecord"/> is read from, in order.</summary>
    public const string FireColumns = "schedule, fire_time, owner, status, run_id, recorded, heartbeat, finished, note";

    /// <summary>The stored statuses of a fire not yet ended, as an SQL list: <c>'queued', 'running', 'waiting'</c>.</summary>
    public static readonly string OpenFireStatuses = string.Join(
        ", ", new[] { FireStatus.Queued, FireStatus.Running, FireStatus.Waiting }.Select(s => $"'{StoredValue.Status(s)}'"));

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

    /// <summary>Every fire <paramref name="command"/> selects (<see cref="FireColumns"/>).</summary>
    public static async Task<IReadOnlyList<FireRecord>> ReadFiresAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var fires = new List<FireRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fires.Add(new FireRecord(
                Schedule: reader.GetString(0),
                FireTime: StoredValue.ReadTime(reader.GetInt64(1)),
                Owner: reader.GetString(2),
                Status: StoredValue.ReadStatus<FireStatus>(reader.GetString(3)),
                RunId: reader.IsDBNull(4) ? null : reader.GetInt64(4),
                Recorded: StoredValue.ReadTime(reader.GetInt64(5)),
                Heartbeat: StoredValue.ReadTime(reader.GetInt64(6)),
                Finished: reader.IsDBNull(7) ? null : StoredValue.ReadTime(reader.GetInt64(7)),
                Note: reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return fires;
    }
}
