using Loader.MySql.Tests.Support;
using Loader.State;

namespace Loader.MySql.Tests.State;

/// <summary>Runs, attempts and checkpoints round-trip as in the SQLite store.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class RecordTests(MariaDbServer server) : StateDatabase(server)
{
    [Fact]
    public async Task Run_start_and_finish_round_trip_in_utc()
    {
        var store = await OpenAsync();
        var started = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));

        var id = await store.StartRunAsync(new RunStart("daily", "date=2025-03-01", "host:42", started), None);
        var running = await store.GetRunAsync(id, None);
        await store.FinishRunAsync(id, RunStatus.Failed, started.AddMinutes(5), "3 done, 1 failed", None);
        await store.FinishRunAsync(id, RunStatus.Failed, started.AddMinutes(5), "3 done, 1 failed", None);
        var finished = await store.GetRunAsync(id, None);

        Assert.Equal(new RunRecord(id, "daily", "date=2025-03-01", "host:42", RunStatus.Running, started, null, null), running);
        Assert.NotNull(finished);
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal(started.AddMinutes(5), finished.Finished);
        Assert.Equal(TimeSpan.Zero, finished.Started.Offset);
        Assert.Equal("3 done, 1 failed", finished.Summary);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.FinishRunAsync(987_654, RunStatus.Succeeded, Now, "", None));
        Assert.Null(await store.GetRunAsync(876_543, None));
    }

    [Fact]
    public async Task List_runs_is_newest_first_filtered_by_workflow_and_limited()
    {
        var store = await OpenAsync();
        var ids = new List<long>();
        foreach (var workflow in new[] { "list-a", "list-b", "list-a", "list-a", "list-b" })
        {
            ids.Add(await store.StartRunAsync(new RunStart(workflow, "", "host:1", Now), None));
        }

        var ofA = await store.ListRunsAsync("list-a", 2, None);
        var all = await store.ListRunsAsync(null, 100, None);

        Assert.Equal([ids[3], ids[2]], ofA.Select(r => r.Id));
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(r => r.Id));
        Assert.Empty(await store.ListRunsAsync("list-a", 0, None));
    }

    [Fact]
    public async Task Attempts_are_upserted_in_bulk_and_come_back_in_start_order()
    {
        var store = await OpenAsync();
        var runId = await store.StartRunAsync(new RunStart("daily", "", "host:1", Now), None);
        var attempts = Enumerable.Range(0, 1_200)
            .Select(i => new AttemptRecord(runId, $"Load_{i:D5}", $"Load({i})", "Load", 1, AttemptStatus.Running, Now.AddMilliseconds(i), null, null, null))
            .ToList();

        await store.RecordAttemptsAsync(attempts, None);
        await store.RecordAttemptsAsync(
            attempts.Select(a => a with { Status = AttemptStatus.Succeeded, Finished = Now.AddHours(1), LogPath = "/logs/x.log", Error = "ünïcode ✓" }).ToList(), None);

        var stored = await store.GetAttemptsAsync(runId, None);
        Assert.Equal(1_200, stored.Count);
        Assert.All(stored, a => Assert.Equal(AttemptStatus.Succeeded, a.Status));
        Assert.All(stored, a => Assert.Equal("ünïcode ✓", a.Error));
        Assert.Equal(attempts.Select(a => a.TaskKey), stored.Select(a => a.TaskKey));
        Assert.Equal(TimeSpan.FromHours(1), stored[0].Duration);
    }

    [Fact]
    public async Task A_checkpoint_is_set_overwritten_read_by_another_store_and_deleted()
    {
        var writer = await OpenAsync();
        var reader = await OpenAsync();

        var missing = await reader.GetCheckpointAsync("orders.last_id", None);
        await writer.SetCheckpointAsync("orders.last_id", "100", None);
        await writer.SetCheckpointAsync("orders.last_id", "250", None);
        await writer.SetCheckpointAsync("empty", "", None);
        var overwritten = await reader.GetCheckpointAsync("orders.last_id", None);
        await writer.SetCheckpointAsync("orders.last_id", null, None);

        Assert.Null(missing);
        Assert.Equal("250", overwritten);
        Assert.Null(await reader.GetCheckpointAsync("orders.last_id", None));
        Assert.Equal("", await reader.GetCheckpointAsync("empty", None));
    }
}
