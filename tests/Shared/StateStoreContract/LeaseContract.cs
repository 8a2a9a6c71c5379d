using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Leases are acquired, held, taken over, renewed, released and broken alike in every store.</summary>
public abstract class LeaseContract : StoreContract
{
    /// <summary>A lease request of <paramref name="owner"/> at <paramref name="now"/>, five minutes long unless told.</summary>
    protected static LeaseRequest Request(string owner, DateTimeOffset now, TimeSpan? lease = null) =>
        new(owner, RunId: 1, Expires: now + (lease ?? TimeSpan.FromMinutes(5)), Now: now, SucceededAfter: now.AddDays(-1));

    [Fact]
    public async Task Leases_are_listed_with_their_holder_and_expiry_for_any_store_to_read()
    {
        var runner = await OpenAsync();
        var reader = await OpenAsync();
        await runner.TryAcquireLeasesAsync(["listed-a", "listed-b"], Request("host:7:41", Now), None);
        await runner.ReleaseLeasesAsync("host:7:41", ["listed-b"], None);

        var listed = (await reader.ListLeasesAsync(None)).Where(l => l.TaskKey.StartsWith("listed-", StringComparison.Ordinal)).ToList();

        Assert.Equal([new LeaseRecord("listed-a", "host:7:41", Now.AddMinutes(5))], listed);
    }

    [Fact]
    public async Task A_free_task_is_acquired()
    {
        var store = await OpenAsync();

        var result = await store.TryAcquireLeasesAsync(["free"], Request("host:1:1", Now), None);

        Assert.Equal([new LeaseResult("free", LeaseOutcome.Acquired)], result);
    }

    [Fact]
    public async Task A_task_leased_by_another_live_owner_is_held_and_names_the_holder()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["busy"], Request("host:1:1", Now), None);

        var result = await store.TryAcquireLeasesAsync(["busy"], Request("host:2:2", Now.AddMinutes(4)), None);

        Assert.Equal([new LeaseResult("busy", LeaseOutcome.Held, "host:1:1")], result);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_by_another_owner()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["stale"], Request("host:1:1", Now), None);

        var takeover = await store.TryAcquireLeasesAsync(["stale"], Request("host:2:2", Now.AddMinutes(5)), None);
        var formerOwner = await store.TryAcquireLeasesAsync(["stale"], Request("host:1:1", Now.AddMinutes(6)), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(takeover).Outcome);
        Assert.Equal(new LeaseResult("stale", LeaseOutcome.Held, "host:2:2"), Assert.Single(formerOwner));
    }

    [Fact]
    public async Task The_owner_of_a_live_lease_acquires_it_again()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["mine"], Request("host:1:1", Now), None);

        var again = await store.TryAcquireLeasesAsync(["mine"], Request("host:1:1", Now.AddMinutes(1), TimeSpan.FromMinutes(30)), None);
        var other = await store.TryAcquireLeasesAsync(["mine"], Request("host:2:2", Now.AddMinutes(20)), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(again).Outcome);
        Assert.Equal(LeaseOutcome.Held, Assert.Single(other).Outcome);
    }

    [Fact]
    public async Task A_renewed_lease_is_still_held_after_its_original_expiry()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["renewed", "renewed-too"], Request("host:1:1", Now), None);

        await store.RenewLeasesAsync("host:1:1", Now.AddMinutes(15), None);
        var afterOriginalExpiry = await store.TryAcquireLeasesAsync(["renewed", "renewed-too"], Request("host:2:2", Now.AddMinutes(10)), None);
        var afterRenewedExpiry = await store.TryAcquireLeasesAsync(["renewed"], Request("host:2:2", Now.AddMinutes(15)), None);

        Assert.All(afterOriginalExpiry, r => Assert.Equal(LeaseOutcome.Held, r.Outcome));
        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(afterRenewedExpiry).Outcome);
    }

    [Fact]
    public async Task Renewing_leaves_other_owners_leases_alone()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["not-renewed"], Request("host:3:3", Now), None);

        await store.RenewLeasesAsync("host:1:1", Now.AddHours(1), None);
        var afterExpiry = await store.TryAcquireLeasesAsync(["not-renewed"], Request("host:2:2", Now.AddMinutes(10)), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(afterExpiry).Outcome);
    }

    [Fact]
    public async Task Released_leases_are_free_while_unlisted_and_foreign_ones_stay_held()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["rel-1", "rel-2", "rel-3"], Request("host:1:1", Now), None);

        await store.ReleaseLeasesAsync("host:1:1", ["rel-1", "rel-2"], None);
        await store.ReleaseLeasesAsync("host:9:9", ["rel-3"], None);
        var result = await store.TryAcquireLeasesAsync(["rel-1", "rel-2", "rel-3"], Request("host:2:2", Now.AddMinutes(1)), None);

        Assert.Equal([LeaseOutcome.Acquired, LeaseOutcome.Acquired, LeaseOutcome.Held], result.Select(r => r.Outcome));
    }

    [Fact]
    public async Task Breaking_a_lease_frees_it_only_when_the_named_owner_holds_it()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["broken", "kept"], Request("host:1:1", Now), None);

        await store.BreakLeaseAsync("broken", "host:1:1", None);
        await store.BreakLeaseAsync("kept", "host:7:7", None);
        var result = await store.TryAcquireLeasesAsync(["broken", "kept"], Request("host:2:2", Now.AddMinutes(1)), None);

        Assert.Equal([LeaseOutcome.Acquired, LeaseOutcome.Held], result.Select(r => r.Outcome));
    }
}
