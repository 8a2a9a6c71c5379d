using System.Data.Common;
using System.Globalization;

namespace Loader.State;

/// <summary>
/// Removes the history that ended before a cutoff, alike in every store (each store gives it its transactions). Whatever
/// its age, what the engine, the scheduler and people still read stays:
/// <list type="bullet">
/// <item>a run still running, with its attempts;</item>
/// <item>of every task instance (task key) its newest attempt, its newest succeeded and its newest failed attempt, so its
/// last outcome, last success and last error stay; an old run keeps only those, and goes when none is left;</item>
/// <item>a fire not yet ended, and of every schedule its newest fire (catch-up counts from it) and its newest succeeded fire
/// (its last success), with the runs these fires started;</item>
/// <item>checkpoints, which are state, not history.</item>
/// </list>
/// The log files of the attempts it removes go with them (<see cref="AttemptLogs"/>), once their rows are gone; those of the
/// attempts that stay are kept. It works in batches, each one short transaction, so runs recording meanwhile hardly wait;
/// a dry run walks the same batches and removes nothing, so it counts exactly what a prune would remove.
/// </summary>
public abstract class HistoryPruner
{
    private const int Batch = 500;

    private static readonly string Succeeded = StoredValue.Status(AttemptStatus.Succeeded);
    private static readonly string Failed = StoredValue.Status(AttemptStatus.Failed);

    /// <summary>A fire that may go (alias <c>f</c>): ended before the cutoff, neither its schedule's newest fire nor its newest success.</summary>
    private static readonly string PrunableFire = $"""
        f.status NOT IN ({StoredRows.OpenFireStatuses}) AND COALESCE(f.finished, f.recorded) < @before
        AND EXISTS (SELECT 1 FROM fires n WHERE n.schedule = f.schedule AND n.fire_time > f.fire_time)
        AND (f.status <> '{StoredValue.Status(FireStatus.Succeeded)}'
             OR EXISTS (SELECT 1 FROM fires n WHERE n.schedule = f.schedule AND n.status = f.status AND n.fire_time > f.fire_time))
        """;

    private static readonly string PrunableFires = $"""
        SELECT f.schedule, f.fire_time FROM fires f
        WHERE (f.schedule > @schedule OR (f.schedule = @schedule AND f.fire_time > @fire_time)) AND {PrunableFire}
        ORDER BY f.schedule, f.fire_time LIMIT {Batch}
        """;

    /// <summary>Runs that may lose attempts, or go: ended before the cutoff and not started by a fire that stays.</summary>
    private static readonly string OldRuns = $"""
        SELECT r.id FROM runs r
        WHERE r.id > @after AND r.status <> '{StoredValue.Status(RunStatus.Running)}' AND COALESCE(r.finished, r.started) < @before
        AND NOT EXISTS (SELECT 1 FROM fires f WHERE f.run_id = r.id AND NOT ({PrunableFire}))
        ORDER BY r.id LIMIT {Batch}
        """;

    /// <summary>Attempt <c>n</c> is of the same task instance as <c>a</c> and newer (written so an index on task key, status, run seeks it).</summary>
    private const string Newer = "n.task_key = a.task_key AND n.run_id >= a.run_id AND (n.run_id > a.run_id OR n.attempt > a.attempt)";

    /// <summary>Every attempt status, so that "any newer attempt" seeks the index once per status instead of scanning the instance.</summary>
    private static readonly string AnyStatus = string.Join(", ", Enum.GetValues<AttemptStatus>().Select(s => $"'{StoredValue.Status(s)}'"));

    /// <summary>The attempts of runs <paramref name="ids"/>, each with whether newer attempts of its task instance replace it.</summary>
    private static string AttemptsOfRuns(string ids) => $"""
        SELECT a.run_id, a.task_key, a.attempt, a.log_path,
            CASE WHEN EXISTS (SELECT 1 FROM attempts n WHERE n.status IN ({AnyStatus}) AND {Newer})
                AND (a.status <> '{Succeeded}' OR EXISTS (SELECT 1 FROM attempts n WHERE n.status = a.status AND {Newer}))
                AND (a.status <> '{Failed}' OR EXISTS (SELECT 1 FROM attempts n WHERE n.status = a.status AND {Newer}))
            THEN 1 ELSE 0 END AS replaced
        FROM attempts a WHERE a.run_id IN ({ids})
        """;

    /// <summary>Runs <paramref name="work"/> in one write transaction of the store and commits it.</summary>
    protected abstract Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Removes what ended before <paramref name="endedBefore"/> and is not kept; with <paramref name="dryRun"/> only counts it.</summary>
    public async Task<PrunedHistory> PruneAsync(DateTimeOffset endedBefore, bool dryRun, CancellationToken cancellationToken)
    {
        var before = StoredValue.Time(endedBefore);
        var (runs, attempts, fires) = await InTransactionAsync(t => CountAsync(t, cancellationToken), cancellationToken);
        var firesRemoved = 0L;
        for (FireKey? after = new("", long.MinValue); after is not null;)
        {
            var from = after;
            var batch = await InTransactionAsync(t => PruneFiresAsync(t, before, from, dryRun, cancellationToken), cancellationToken);
            firesRemoved += batch.Count;
            after = batch.Count < Batch ? null : batch[^1];
        }
        var (runsRemoved, attemptsRemoved) = (0L, 0L);
        var logs = new AttemptLogs();
        for (long? after = 0; after is not null;)
        {
            var from = after.Value;
            var batch = await InTransactionAsync(t => PruneRunsAsync(t, before, from, dryRun, cancellationToken), cancellationToken);
            runsRemoved += batch.RunsRemoved;
            attemptsRemoved += batch.AttemptsRemoved;
            // After the commit: a file removed before its row would leave history pointing at nothing, should the commit fail.
            logs.Remove(batch.LogPaths, dryRun);
            after = batch.Last;
        }
        return new PrunedHistory(runsRemoved, attemptsRemoved, firesRemoved, runs - runsRemoved, attempts - attemptsRemoved, fires - firesRemoved)
        {
            LogFilesRemoved = logs.Files,
            LogBytesRemoved = logs.Bytes,
        };
    }

    private static async Task<(long Runs, long Attempts, long Fires)> CountAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT (SELECT COUNT(*) FROM runs), (SELECT COUNT(*) FROM attempts), (SELECT COUNT(*) FROM fires)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Removes (or counts) one batch of fires after <paramref name="after"/>; returns their keys in order.</summary>
    private static async Task<IReadOnlyList<FireKey>> PruneFiresAsync(
        DbTransaction transaction, long before, FireKey after, bool dryRun, CancellationToken cancellationToken)
    {
        var keys = new List<FireKey>();
        await using (var select = Command(transaction, PrunableFires, ("@before", before), ("@schedule", after.Schedule), ("@fire_time", after.FireTime)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(new FireKey(reader.GetString(0), reader.GetInt64(1)));
            }
        }
        if (!dryRun)
        {
            foreach (var key in keys)
            {
                await ExecuteAsync(transaction, "DELETE FROM fires WHERE schedule = @schedule AND fire_time = @fire_time", cancellationToken,
                    ("@schedule", key.Schedule), ("@fire_time", key.FireTime));
            }
        }
        return keys;
    }

    /// <summary>Removes (or counts) the replaced attempts of one batch of old runs after run <paramref name="after"/>, and the runs left empty.</summary>
    private static async Task<RunBatch> PruneRunsAsync(DbTransaction transaction, long before, long after, bool dryRun, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using (var select = Command(transaction, OldRuns, ("@before", before), ("@after", after)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        if (ids.Count == 0)
        {
            return new RunBatch(0, 0, [], null);
        }
        var attempts = new List<(long RunId, string TaskKey, int Attempt, string? LogPath, bool Replaced)>();
        await using (var select = Command(transaction, AttemptsOfRuns(IdList(ids))))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                attempts.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) == 1));
            }
        }
        var staying = attempts.Where(a => !a.Replaced).Select(a => a.RunId).ToHashSet();
        var emptied = ids.Where(id => !staying.Contains(id)).ToList();
        var replaced = attempts.Where(a => a.Replaced).ToList();
        var removedLogs = attempts.Where(a => a.Replaced || emptied.Contains(a.RunId)).Select(a => a.LogPath).OfType<string>().ToList();
        if (!dryRun)
        {
            if (emptied.Count > 0)
            {
                await ExecuteAsync(transaction, $"DELETE FROM attempts WHERE run_id IN ({IdList(emptied)})", cancellationToken);
                await ExecuteAsync(transaction, $"DELETE FROM runs WHERE id IN ({IdList(emptied)})", cancellationToken);
            }
            foreach (var attempt in replaced.Where(a => staying.Contains(a.RunId)))
            {
                await ExecuteAsync(transaction, "DELETE FROM attempts WHERE run_id = @run AND task_key = @key AND attempt = @attempt", cancellationToken,
                    ("@run", attempt.RunId), ("@key", attempt.TaskKey), ("@attempt", attempt.Attempt));
            }
        }
        return new RunBatch(emptied.Count, replaced.Count, removedLogs, ids.Count < Batch ? null : ids[^1]);
    }

    private static string IdList(IEnumerable<long> ids) => string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private sealed record FireKey(string Schedule, long FireTime);

    /// <summary>What one batch of runs removed, the log files of the attempts it removed, and the last run it looked at while more may follow.</summary>
    private sealed record RunBatch(long RunsRemoved, long AttemptsRemoved, IReadOnlyList<string> LogPaths, long? Last);
}
