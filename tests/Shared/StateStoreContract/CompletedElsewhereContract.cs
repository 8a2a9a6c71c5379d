using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>A task that succeeded in another run after a given time is completed elsewhere, in every store.</summary>
public abstract class CompletedElsewhereContract : StoreContract
{
    private async Task<(IStateStore Store, long Earlier, long Current)> TwoRunsAsync()
    {
        var store = await OpenAsync();
        var earlier = await store.StartRunAsync(new RunStart("daily", "", "host:1", Now.AddHours(-2)), None);
        var current = await store.StartRunAsync(new RunStart("daily", "", "host:2", Now), None);
        return (store, earlier, current);
    }

    private static AttemptRecord Attempt(long runId, string key, AttemptStatus status, DateTimeOffset finished) =>
        new(runId, key, key, "Load", 1, status, finished.AddMinutes(-1), finished, null, null);

    private static LeaseRequest Request(long runId, DateTimeOffset succeededAfter) =>
        new("host:2:" + runId, runId, Now.AddMinutes(5), Now, succeededAfter);

    [Fact]
    public async Task A_task_that_succeeded_in_another_run_after_the_given_time_is_completed_elsewhere()
    {
        var (store, earlier, current) = await TwoRunsAsync();
        await store.RecordAttemptsAsync([Attempt(earlier, "done-there", AttemptStatus.Succeeded, Now.AddHours(-1))], None);

        var result = await store.TryAcquireLeasesAsync(["done-there"], Request(current, Now.AddHours(-1).AddMilliseconds(-1)), None);

        Assert.Equal([new LeaseResult("done-there", LeaseOutcome.CompletedElsewhere)], result);
    }

    [Fact]
    public async Task A_success_in_the_asking_run_itself_does_not_count()
    {
        var (store, _, current) = await TwoRunsAsync();
        await store.RecordAttemptsAsync([Attempt(current, "done-here", AttemptStatus.Succeeded, Now)], None);

        var result = await store.TryAcquireLeasesAsync(["done-here"], Request(current, Now.AddHours(-1)), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(result).Outcome);
    }

    [Fact]
    public async Task A_success_at_or_before_the_given_time_does_not_count()
    {
        var (store, earlier, current) = await TwoRunsAsync();
        await store.RecordAttemptsAsync(
            [Attempt(earlier, "done-long-ago", AttemptStatus.Succeeded, Now.AddHours(-2)), Attempt(earlier, "done-at-cutoff", AttemptStatus.Succeeded, Now.AddHours(-1))],
            None);

        var result = await store.TryAcquireLeasesAsync(["done-long-ago", "done-at-cutoff"], Request(current, Now.AddHours(-1)), None);

        Assert.All(result, r => Assert.Equal(LeaseOutcome.Acquired, r.Outcome));
    }

    [Fact]
    public async Task A_failure_in_another_run_does_not_count()
    {
        var (store, earlier, current) = await TwoRunsAsync();
        await store.RecordAttemptsAsync([Attempt(earlier, "failed-there", AttemptStatus.Failed, Now.AddMinutes(-1))], None);

        var result = await store.TryAcquireLeasesAsync(["failed-there"], Request(current, Now.AddHours(-1)), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(result).Outcome);
    }

    [Fact]
    public async Task Completed_elsewhere_wins_over_a_live_lease_and_takes_no_lease()
    {
        var (store, earlier, current) = await TwoRunsAsync();
        await store.TryAcquireLeasesAsync(["done-and-leased"], new LeaseRequest("host:1:x", earlier, Now.AddHours(1), Now.AddMinutes(-30), Now.AddDays(-1)), None);
        await store.RecordAttemptsAsync([Attempt(earlier, "done-and-leased", AttemptStatus.Succeeded, Now.AddMinutes(-10))], None);

        var result = await store.TryAcquireLeasesAsync(["done-and-leased"], Request(current, Now.AddHours(-1)), None);
        var laterAsker = await store.TryAcquireLeasesAsync(["done-and-leased"], new LeaseRequest("host:3:3", earlier, Now.AddHours(1), Now, Now.AddDays(-1)), None);

        Assert.Equal(LeaseOutcome.CompletedElsewhere, Assert.Single(result).Outcome);
        Assert.Equal(new LeaseResult("done-and-leased", LeaseOutcome.Held, "host:1:x"), Assert.Single(laterAsker));
    }
}
