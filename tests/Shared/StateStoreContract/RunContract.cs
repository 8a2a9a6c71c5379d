using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Runs start, finish, are found by id and listed newest first alike in every store.</summary>
public abstract class RunContract : StoreContract
{
    [Fact]
    public async Task Run_start_and_finish_round_trip_in_utc()
    {
        var store = await OpenAsync();
        var started = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));

        var id = await store.StartRunAsync(new RunStart("daily", "date=2025-03-01", "host:42", started), None);
        var running = await store.GetRunAsync(id, None);
        await store.FinishRunAsync(id, RunStatus.Failed, started.AddMinutes(5), "3 done, 1 failed", None);
        var finished = await store.GetRunAsync(id, None);

        Assert.Equal(new RunRecord(id, "daily", "date=2025-03-01", "host:42", RunStatus.Running, started, null, null), running);
        Assert.NotNull(finished);
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Equal(started.AddMinutes(5), finished.Finished);
        Assert.Equal(TimeSpan.Zero, finished.Started.Offset);
        Assert.Equal("3 done, 1 failed", finished.Summary);
    }

    [Fact]
    public async Task Finishing_an_unknown_run_throws()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.FinishRunAsync(987_654, RunStatus.Succeeded, Now, "", None));
    }

    [Fact]
    public async Task Get_run_of_an_unknown_id_is_null()
    {
        var store = await OpenAsync();

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
        Assert.All(ofA, r => Assert.Equal("list-a", r.Workflow));
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Where(r => ids.Contains(r.Id)).Select(r => r.Id));
        Assert.Empty(await store.ListRunsAsync("list-a", 0, None));
    }
}
