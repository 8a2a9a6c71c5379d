using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.Tests.Shared.StateStoreContract;

namespace Loader.MySql.Tests.State;

/// <summary>
/// Runs, attempts and checkpoints beyond the contracts: what MySQL could get wrong on its own (rows matched taken
/// for rows changed, utf8 text, multi-row upserts, a store reading another's writes).
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class RecordTests(MariaDbServer server) : StoreContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Finishing_a_run_twice_with_the_same_end_is_not_taken_for_an_unknown_run()
    {
        var store = await OpenAsync();
        var started = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));
        var id = await store.StartRunAsync(new RunStart("daily", "date=2025-03-01", "host:42", started), None);

        await store.FinishRunAsync(id, RunStatus.Failed, started.AddMinutes(5), "3 done, 1 failed", None);
        await store.FinishRunAsync(id, RunStatus.Failed, started.AddMinutes(5), "3 done, 1 failed", None);
        var finished = await store.GetRunAsync(id, None);

        Assert.NotNull(finished);
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal(started.AddMinutes(5), finished.Finished);
    }

    [Fact]
    public async Task Listing_every_run_of_a_database_lists_exactly_its_runs_newest_first()
    {
        var store = await OpenAsync();
        var ids = new List<long>();
        foreach (var workflow in new[] { "list-a", "list-b", "list-a" })
        {
            ids.Add(await store.StartRunAsync(new RunStart(workflow, "", "host:1", Now), None));
        }

        var all = await store.ListRunsAsync(null, 100, None);

        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(r => r.Id));
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
