using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Attempts are recorded, updated in place and read back in start order alike in every store.</summary>
public abstract class AttemptContract : StoreContract
{
    [Fact]
    public async Task Recording_running_then_succeeded_updates_the_same_row()
    {
        var store = await OpenAsync();
        var runId = await store.StartRunAsync(new RunStart("daily", "", "host:1", Now), None);
        var running = new AttemptRecord(runId, "Load_ab12", "Load(date=2025-03-01)", "Load", 1, AttemptStatus.Running, Now, null, null, null);
        var succeeded = running with { Status = AttemptStatus.Succeeded, Finished = Now.AddSeconds(90), LogPath = "/logs/load.log" };

        await store.RecordAttemptsAsync([running], None);
        await store.RecordAttemptsAsync([succeeded], None);

        var stored = Assert.Single(await store.GetAttemptsAsync(runId, None));
        Assert.Equal(succeeded, stored);
        Assert.Equal(TimeSpan.FromSeconds(90), stored.Duration);
    }

    [Fact]
    public async Task Attempts_come_back_in_start_order_then_attempt_number()
    {
        var store = await OpenAsync();
        var runId = await store.StartRunAsync(new RunStart("daily", "", "host:1", Now), None);
        AttemptRecord Attempt(string key, int number, int second) =>
            new(runId, key, key, "Load", number, AttemptStatus.Failed, Now.AddSeconds(second), Now.AddSeconds(second + 1), "boom", null);

        await store.RecordAttemptsAsync([Attempt("c", 1, 30), Attempt("a", 2, 10), Attempt("b", 1, 20), Attempt("a", 1, 10)], None);

        var stored = await store.GetAttemptsAsync(runId, None);
        Assert.Equal(["a1", "a2", "b1", "c1"], stored.Select(a => $"{a.TaskKey}{a.Attempt}"));
        Assert.All(stored, a => Assert.Equal("boom", a.Error));
    }

    [Fact]
    public async Task Thousands_of_attempts_are_recorded_in_one_call()
    {
        var store = await OpenAsync();
        var runId = await store.StartRunAsync(new RunStart("daily", "", "host:1", Now), None);
        var attempts = Enumerable.Range(0, 5_000)
            .Select(i => new AttemptRecord(runId, $"Load_{i:D5}", $"Load({i})", "Load", 1, AttemptStatus.Running, Now.AddMilliseconds(i), null, null, null))
            .ToList();

        await store.RecordAttemptsAsync(attempts, None);
        await store.RecordAttemptsAsync(attempts.Select(a => a with { Status = AttemptStatus.Succeeded, Finished = Now.AddHours(1) }).ToList(), None);

        var stored = await store.GetAttemptsAsync(runId, None);
        Assert.Equal(5_000, stored.Count);
        Assert.All(stored, a => Assert.Equal(AttemptStatus.Succeeded, a.Status));
        Assert.Equal(attempts.Select(a => a.TaskKey), stored.Select(a => a.TaskKey));
    }
}
