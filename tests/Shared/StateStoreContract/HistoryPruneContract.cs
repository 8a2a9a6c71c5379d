using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>
/// Pruning history removes what ended before the cutoff alike in every store, and keeps what is still read: running runs,
/// the newest attempt, success and failure of every task instance, open fires and each schedule's newest and newest
/// succeeded fire with their runs, and checkpoints. Every test has a store of its own: a prune counts the whole store.
/// </summary>
public abstract class HistoryPruneContract : StoreContract
{
    private static readonly DateTimeOffset Cutoff = Now.AddDays(-90);

    /// <summary>Records a run that started <paramref name="daysAgo"/> days before now, lasted a minute and ended as <paramref name="status"/>.</summary>
    private static async Task<long> RunAsync(IStateStore store, int daysAgo, RunStatus status, params (string Key, int Attempt, AttemptStatus Status)[] attempts)
    {
        var started = Now.AddDays(-daysAgo);
        var id = await store.StartRunAsync(new RunStart("daily", "", "host:1", started), None);
        await store.RecordAttemptsAsync(
            attempts.Select(a => new AttemptRecord(id, a.Key, a.Key, "Load", a.Attempt, a.Status, started, a.Status == AttemptStatus.Running ? null : started.AddMinutes(1), null, null)).ToList(),
            None);
        if (status != RunStatus.Running)
        {
            await store.FinishRunAsync(id, status, started.AddMinutes(1), "", None);
        }
        return id;
    }

    private static async Task<IReadOnlyList<string>> AttemptsOfAsync(IStateStore store, long runId) =>
        (await store.GetAttemptsAsync(runId, None)).Select(a => $"{a.TaskKey}#{a.Attempt}").ToList();

    [Fact]
    public async Task Prune_keeps_the_newest_attempt_success_and_failure_of_every_task_instance_and_removes_the_rest()
    {
        var store = await OpenAsync();
        var first = await RunAsync(store, 120, RunStatus.Succeeded, ("A", 1, AttemptStatus.Succeeded), ("B", 1, AttemptStatus.Succeeded));
        var retried = await RunAsync(store, 110, RunStatus.Failed, ("A", 1, AttemptStatus.Failed), ("A", 2, AttemptStatus.Failed), ("B", 1, AttemptStatus.Succeeded));
        var rerun = await RunAsync(store, 100, RunStatus.Succeeded, ("A", 1, AttemptStatus.Succeeded));
        var recent = await RunAsync(store, 1, RunStatus.Succeeded, ("B", 1, AttemptStatus.Succeeded));
        await store.SetCheckpointAsync("sftp:calpads.csv", "4096", None);

        var pruned = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

        Assert.Equal(new PrunedHistory(RunsRemoved: 1, AttemptsRemoved: 4, FiresRemoved: 0, RunsKept: 3, AttemptsKept: 3, FiresKept: 0), pruned with { BytesFreed = null });
        Assert.Null(await store.GetRunAsync(first, None));
        Assert.Empty(await store.GetAttemptsAsync(first, None));
        Assert.Equal(["A#2"], await AttemptsOfAsync(store, retried)); // A's last error
        Assert.Equal(["A#1"], await AttemptsOfAsync(store, rerun));   // A's last outcome and last success
        Assert.Equal(["B#1"], await AttemptsOfAsync(store, recent));
        Assert.Equal("4096", await store.GetCheckpointAsync("sftp:calpads.csv", None));
    }

    [Fact]
    public async Task Prune_removes_the_log_files_of_the_attempts_it_removes_and_keeps_those_of_the_attempts_that_stay()
    {
        var store = await OpenAsync();
        var logs = Directory.CreateTempSubdirectory("loader-prune-logs-").FullName;
        try
        {
            async Task<long> LoggedRunAsync(int daysAgo, params (int Attempt, AttemptStatus Status, int Bytes)[] attempts)
            {
                var started = Now.AddDays(-daysAgo);
                var id = await store.StartRunAsync(new RunStart("daily", "", "host:1", started), None);
                var folder = Directory.CreateDirectory(Path.Combine(logs, id.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
                var records = new List<AttemptRecord>();
                foreach (var (attempt, status, bytes) in attempts)
                {
                    var log = Path.Combine(folder, $"Load_1.{attempt}.log");
                    await File.WriteAllTextAsync(log, new string('x', bytes));
                    records.Add(new AttemptRecord(id, "Load_1", "Load()", "Load", attempt, status, started, started.AddMinutes(1), null, log));
                }
                await store.RecordAttemptsAsync(records, None);
                await store.FinishRunAsync(id, RunStatus.Succeeded, started.AddMinutes(1), "", None);
                return id;
            }
            var oldest = await LoggedRunAsync(120, (1, AttemptStatus.Succeeded, 1000));
            var retried = await LoggedRunAsync(110, (1, AttemptStatus.Failed, 200), (2, AttemptStatus.Failed, 50), (3, AttemptStatus.Succeeded, 30));
            // A long shell line's script, left beside its log by a killed attempt, goes with the log.
            await File.WriteAllTextAsync(Path.Combine(logs, $"{oldest}", "Load_1.1.sh"), "echo");
            string Log(long run, int attempt) => Path.Combine(logs, $"{run}", $"Load_1.{attempt}.log");

            var dryRun = await store.PruneHistoryAsync(Cutoff, dryRun: true, None);
            var allThere = new[] { Log(oldest, 1), Log(retried, 1), Log(retried, 2), Log(retried, 3) }.All(File.Exists);
            var pruned = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

            Assert.True(allThere);
            Assert.Equal((3L, 1204L), (dryRun.LogFilesRemoved, dryRun.LogBytesRemoved));
            Assert.Equal((2L, 3L, 1204L), (pruned.AttemptsRemoved, pruned.LogFilesRemoved, pruned.LogBytesRemoved));
            Assert.False(Directory.Exists(Path.Combine(logs, $"{oldest}")));
            Assert.False(File.Exists(Log(retried, 1)));
            // The newest failure and the newest attempt (and success) of the instance stay, with their logs.
            Assert.Equal((50, 30), (new FileInfo(Log(retried, 2)).Length, new FileInfo(Log(retried, 3)).Length));
            Assert.Equal(["Load_1#2", "Load_1#3"], await AttemptsOfAsync(store, retried));
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }

    [Fact]
    public async Task A_running_run_is_never_removed_however_old()
    {
        var store = await OpenAsync();
        var running = await RunAsync(store, 200, RunStatus.Running, ("A", 1, AttemptStatus.Failed), ("A", 2, AttemptStatus.Running));
        await RunAsync(store, 1, RunStatus.Succeeded, ("A", 1, AttemptStatus.Succeeded));

        var pruned = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

        Assert.Equal(0, pruned.RunsRemoved + pruned.AttemptsRemoved);
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(running, None))!.Status);
        Assert.Equal(["A#1", "A#2"], await AttemptsOfAsync(store, running));
    }

    [Fact]
    public async Task Open_fires_and_each_schedules_newest_and_last_succeeded_fire_stay_with_their_runs()
    {
        var store = await OpenAsync();
        var oldest = await RunAsync(store, 120, RunStatus.Succeeded, ("Load", 1, AttemptStatus.Succeeded));
        var lastSucceeded = await RunAsync(store, 110, RunStatus.Succeeded, ("Load", 1, AttemptStatus.Succeeded));
        var failed = await RunAsync(store, 100, RunStatus.Failed, ("Load", 1, AttemptStatus.Failed));
        await RunAsync(store, 1, RunStatus.Succeeded, ("Load", 1, AttemptStatus.Failed), ("Load", 2, AttemptStatus.Succeeded));
        async Task FireAsync(int daysAgo, FireStatus status, long? runId)
        {
            var at = Now.AddDays(-daysAgo);
            var ended = status is FireStatus.Queued ? (DateTimeOffset?)null : at.AddMinutes(1);
            Assert.True(await store.TryRecordFireAsync(new FireRecord("nightly", at, "host:1", status, runId, at, at, ended, null), None));
        }
        await FireAsync(130, FireStatus.Queued, null);
        await FireAsync(120, FireStatus.Succeeded, oldest);
        await FireAsync(110, FireStatus.Succeeded, lastSucceeded);
        await FireAsync(100, FireStatus.Failed, failed);
        await FireAsync(95, FireStatus.Skipped, null);

        var pruned = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

        Assert.Equal((2, 2, 2), (pruned.RunsRemoved, pruned.AttemptsRemoved, pruned.FiresRemoved));
        var fires = await store.ListFiresAsync("nightly", 10, None);
        Assert.Equal([(95, FireStatus.Skipped), (110, FireStatus.Succeeded), (130, FireStatus.Queued)], fires.Select(f => ((int)(Now - f.FireTime).TotalDays, f.Status)));
        Assert.Null(await store.GetRunAsync(oldest, None));
        Assert.Null(await store.GetRunAsync(failed, None));
        Assert.Equal(["Load#1"], await AttemptsOfAsync(store, lastSucceeded));
    }

    [Fact]
    public async Task A_dry_run_counts_what_a_prune_removes_and_removes_nothing()
    {
        var store = await OpenAsync();
        await RunAsync(store, 120, RunStatus.Succeeded, ("A", 1, AttemptStatus.Succeeded), ("B", 1, AttemptStatus.Failed));
        var kept = await RunAsync(store, 110, RunStatus.Failed, ("A", 1, AttemptStatus.Failed), ("A", 2, AttemptStatus.Succeeded));
        await RunAsync(store, 100, RunStatus.Failed, ("B", 1, AttemptStatus.Failed));
        foreach (var (daysAgo, runId) in new[] { (100, (long?)kept), (99, null), (98, null) })
        {
            var at = Now.AddDays(-daysAgo);
            Assert.True(await store.TryRecordFireAsync(new FireRecord("nightly", at, "host:1", FireStatus.Failed, runId, at, at, at, null), None));
        }

        var wouldGo = await store.PruneHistoryAsync(Cutoff, dryRun: true, None);
        var runsAfterDryRun = await store.ListRunsAsync(null, 100, None);
        var firesAfterDryRun = await store.ListFiresAsync(null, 100, None);
        var gone = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

        Assert.Equal((3, 3), (runsAfterDryRun.Count, firesAfterDryRun.Count));
        Assert.Equal((1, 2, 2), (wouldGo.RunsRemoved, wouldGo.AttemptsRemoved, wouldGo.FiresRemoved));
        Assert.Equal(gone with { BytesFreed = null }, wouldGo);
        Assert.Equal(2, (await store.ListRunsAsync(null, 100, None)).Count);
    }

    [Fact]
    public async Task Hundreds_of_runs_and_fires_are_pruned_in_batches_down_to_what_is_kept()
    {
        var store = await OpenAsync();
        const int Runs = 600;
        var ids = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            var at = Cutoff.AddMinutes(-Runs + i);
            var id = await store.StartRunAsync(new RunStart("hourly", "", "host:1", at), None);
            await store.RecordAttemptsAsync([new AttemptRecord(id, "Refresh", "Refresh()", "Refresh", 1, AttemptStatus.Succeeded, at, at, null, null)], None);
            await store.FinishRunAsync(id, RunStatus.Succeeded, at, "", None);
            await store.TryRecordFireAsync(new FireRecord("hourly", at, "host:1", FireStatus.Succeeded, id, at, at, at, null), None);
            ids.Add(id);
        }

        var pruned = await store.PruneHistoryAsync(Cutoff, dryRun: false, None);

        Assert.Equal(new PrunedHistory(Runs - 1, Runs - 1, Runs - 1, 1, 1, 1), pruned with { BytesFreed = null });
        Assert.Equal([ids[^1]], (await store.ListRunsAsync(null, 10, None)).Select(r => r.Id));
        Assert.Equal(ids[^1], Assert.Single(await store.ListFiresAsync(null, 10, None)).RunId);
    }
}
