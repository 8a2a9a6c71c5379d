using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>
/// Schedule fires are recorded once per schedule and instant, taken over, renewed, updated and listed alike in every
/// store; stores racing for one fire or one takeover leave exactly one winner.
/// </summary>
public abstract class FireContract : StoreContract
{
    private const int Contenders = 8;

    /// <summary>A queued fire of <paramref name="schedule"/> at <paramref name="fireTime"/>, held by <paramref name="owner"/>, recorded now.</summary>
    protected static FireRecord Fire(string schedule, DateTimeOffset fireTime, string owner = "host:1", FireStatus status = FireStatus.Queued) =>
        new(schedule, fireTime, owner, status, RunId: null, Recorded: Now, Heartbeat: Now, Finished: null, Note: null);

    [Fact]
    public async Task A_fire_round_trips_with_its_utc_instant_and_is_updated_by_its_owner()
    {
        var store = await OpenAsync();
        var fireTime = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.FromHours(-8));
        var recorded = new DateTimeOffset(2025, 3, 1, 11, 0, 0, 250, TimeSpan.FromHours(1));
        var fire = new FireRecord("round-trip", fireTime, "db1:4242", FireStatus.Running, 17, recorded, recorded.AddSeconds(5), null, "waiting for calpads.csv");

        Assert.True(await store.TryRecordFireAsync(fire, None));
        var stored = Assert.Single(await store.ListFiresAsync("round-trip", 10, None));
        await store.UpdateFireAsync("round-trip", fireTime.ToUniversalTime(), FireStatus.MissingData, null, recorded.AddHours(4), "ünïcode ✓ still missing", None);
        var updated = Assert.Single(await store.ListFiresAsync("round-trip", 10, None));

        Assert.Equal(fire, stored);
        Assert.Equal(TimeSpan.Zero, stored.FireTime.Offset);
        Assert.Equal(TimeSpan.Zero, stored.Recorded.Offset);
        Assert.Equal(
            fire with { Status = FireStatus.MissingData, RunId = null, Finished = recorded.AddHours(4), Note = "ünïcode ✓ still missing" },
            updated);
        Assert.True(updated.Ended);
    }

    [Fact]
    public async Task A_fire_is_recorded_once_per_schedule_and_instant_whatever_offset_its_time_carries()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var inParis = new DateTimeOffset(2025, 3, 1, 3, 0, 0, TimeSpan.FromHours(1));

        var recorded = await first.TryRecordFireAsync(Fire("once", inParis, "host:1"), None);
        var again = await second.TryRecordFireAsync(Fire("once", inParis.ToUniversalTime(), "host:2"), None);
        var inNewYork = await second.TryRecordFireAsync(Fire("once", inParis.ToOffset(TimeSpan.FromHours(-5)), "host:3"), None);
        var otherSchedule = await second.TryRecordFireAsync(Fire("once-too", inParis, "host:2"), None);
        var nextSecond = await second.TryRecordFireAsync(Fire("once", inParis.AddSeconds(1), "host:2"), None);

        Assert.True(recorded);
        Assert.False(again);
        Assert.False(inNewYork);
        Assert.True(otherSchedule);
        Assert.True(nextSecond);
        var fires = await first.ListFiresAsync("once", 10, None);
        Assert.Equal([("host:2", inParis.AddSeconds(1)), ("host:1", inParis)], fires.Select(f => (f.Owner, f.FireTime)));
    }

    [Fact]
    public async Task Stores_racing_to_record_the_same_fire_record_it_exactly_once()
    {
        var stores = await OpenStoresAsync();
        var inFlight = new InFlight();

        // At least 10 rounds, and more (up to 200) until two calls were in flight at once: on a busy machine the threads
        // of one round may not overlap.
        var rounds = 0;
        for (; rounds < 10 || (inFlight.Most <= 1 && rounds < 200); rounds++)
        {
            var fireTime = Now.AddMinutes(rounds);
            var outcomes = await RaceAsync(contender => inFlight.TrackAsync(
                () => stores[contender].TryRecordFireAsync(Fire("race", fireTime, $"host:{contender}"), None)));

            var winner = Assert.Single(Enumerable.Range(0, Contenders), contender => outcomes[contender]);
            var stored = Assert.Single(await stores[0].ListFiresAsync("race", 1000, None), f => f.FireTime == fireTime);
            Assert.Equal($"host:{winner}", stored.Owner);
        }
        Assert.True(inFlight.Most > 1, "the contenders never overlapped, so nothing raced");
        Assert.Equal(rounds, (await stores[0].ListFiresAsync("race", 1000, None)).Count);
    }

    [Fact]
    public async Task Stores_racing_to_take_over_a_dead_owners_fire_leave_exactly_one_new_owner()
    {
        var stores = await OpenStoresAsync();
        var inFlight = new InFlight();
        var takenAt = Now.AddMinutes(3);

        for (var round = 0; round < 10 || (inFlight.Most <= 1 && round < 200); round++)
        {
            var fireTime = Now.AddMinutes(round);
            Assert.True(await stores[0].TryRecordFireAsync(Fire("takeover-race", fireTime, "dead:1", FireStatus.Running), None));
            var outcomes = await RaceAsync(contender => inFlight.TrackAsync(
                () => stores[contender].TryTakeOverFireAsync("takeover-race", fireTime, "dead:1", $"host:{contender}", takenAt, None)));

            var winner = Assert.Single(Enumerable.Range(0, Contenders), contender => outcomes[contender]);
            var stored = Assert.Single(await stores[0].ListFiresAsync("takeover-race", 1000, None), f => f.FireTime == fireTime);
            Assert.Equal(($"host:{winner}", takenAt, FireStatus.Running), (stored.Owner, stored.Heartbeat, stored.Status));
        }
        Assert.True(inFlight.Most > 1, "the contenders never overlapped, so nothing raced");
    }

    [Fact]
    public async Task A_fire_is_not_taken_over_from_an_owner_that_no_longer_holds_it_nor_once_it_ended()
    {
        var store = await OpenAsync();
        await store.TryRecordFireAsync(Fire("no-takeover", Now, "host:1", FireStatus.Running), None);
        await store.TryRecordFireAsync(Fire("no-takeover", Now.AddHours(1), "host:1", FireStatus.Succeeded), None);

        var fromWrongOwner = await store.TryTakeOverFireAsync("no-takeover", Now, "host:9", "host:2", Now.AddMinutes(1), None);
        var ended = await store.TryTakeOverFireAsync("no-takeover", Now.AddHours(1), "host:1", "host:2", Now.AddMinutes(1), None);
        var unknown = await store.TryTakeOverFireAsync("no-takeover", Now.AddHours(2), "host:1", "host:2", Now.AddMinutes(1), None);

        Assert.False(fromWrongOwner);
        Assert.False(ended);
        Assert.False(unknown);
        Assert.All(await store.ListFiresAsync("no-takeover", 10, None), f => Assert.Equal(("host:1", Now), (f.Owner, f.Heartbeat)));
    }

    [Fact]
    public async Task Renewing_moves_the_heartbeat_of_the_owners_unended_fires_only()
    {
        var store = await OpenAsync();
        await store.TryRecordFireAsync(Fire("renew", Now, "host:1", FireStatus.Waiting), None);
        await store.TryRecordFireAsync(Fire("renew", Now.AddHours(1), "host:1", FireStatus.Failed), None);
        await store.TryRecordFireAsync(Fire("renew", Now.AddHours(2), "host:2", FireStatus.Running), None);
        await store.TryRecordFireAsync(Fire("renew-too", Now, "host:1", FireStatus.Queued), None);

        await store.RenewFiresAsync("host:1", Now.AddSeconds(30), None);

        var renew = await store.ListFiresAsync("renew", 10, None);
        Assert.Equal([Now, Now, Now.AddSeconds(30)], renew.Select(f => f.Heartbeat));
        Assert.Equal(Now.AddSeconds(30), Assert.Single(await store.ListFiresAsync("renew-too", 10, None)).Heartbeat);
    }

    [Fact]
    public async Task Fires_are_listed_latest_fire_time_first_filtered_by_schedule_and_limited()
    {
        var store = await OpenAsync();
        var later = Now.AddYears(50);
        foreach (var (schedule, minutes) in new[] { ("list-a", 2), ("list-b", 1), ("list-a", 0), ("list-a", 3), ("list-b", 4) })
        {
            await store.TryRecordFireAsync(Fire(schedule, later.AddMinutes(minutes)), None);
        }

        var ofA = await store.ListFiresAsync("list-a", 2, None);
        var all = await store.ListFiresAsync(null, 5, None);

        Assert.Equal([later.AddMinutes(3), later.AddMinutes(2)], ofA.Select(f => f.FireTime));
        Assert.All(ofA, f => Assert.Equal("list-a", f.Schedule));
        Assert.Equal(
            [("list-b", 4), ("list-a", 3), ("list-a", 2), ("list-b", 1), ("list-a", 0)],
            all.Select(f => (f.Schedule, (int)(f.FireTime - later).TotalMinutes)));
        Assert.Empty(await store.ListFiresAsync("list-a", 0, None));
        Assert.Empty(await store.ListFiresAsync("list-none", 10, None));
    }

    [Fact]
    public async Task Open_fires_are_every_unended_status_oldest_first()
    {
        var store = await OpenAsync();
        var statuses = Enum.GetValues<FireStatus>().Reverse().ToArray();
        for (var i = 0; i < statuses.Length; i++)
        {
            await store.TryRecordFireAsync(Fire($"open-{statuses[i]}", Now.AddMinutes(i), status: statuses[i]), None);
        }

        var open = (await store.OpenFiresAsync(None)).Where(f => f.Schedule.StartsWith("open-", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            statuses.Where(s => !Fire("", Now, status: s).Ended),
            open.Select(f => f.Status));
        Assert.Equal([FireStatus.Waiting, FireStatus.Running, FireStatus.Queued], open.Select(f => f.Status));
    }

    [Fact]
    public async Task Updating_an_unrecorded_fire_throws()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.UpdateFireAsync("never-recorded", Now, FireStatus.Succeeded, 1, Now, null, None));
    }

    private async Task<IStateStore[]> OpenStoresAsync()
    {
        var stores = new IStateStore[Contenders];
        for (var i = 0; i < Contenders; i++)
        {
            stores[i] = await OpenAsync();
        }
        return stores;
    }

    // A store whose calls complete synchronously (SQLite) needs dedicated threads released together: else each
    // contender would finish before the next one started and nothing would race.
    private static async Task<bool[]> RaceAsync(Func<int, Task<bool>> attempt)
    {
        using var start = new Barrier(Contenders);
        var contenders = Enumerable.Range(0, Contenders).Select(contender => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return attempt(contender);
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
        return await Task.WhenAll(contenders);
    }

    /// <summary>Counts the calls under way, keeping the most seen at once.</summary>
    private sealed class InFlight
    {
        private int _now;
        private int _most;

        public int Most => Volatile.Read(ref _most);

        public async Task<T> TrackAsync<T>(Func<Task<T>> call)
        {
            var now = Interlocked.Increment(ref _now);
            int seen;
            while ((seen = Volatile.Read(ref _most)) < now && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }
            try
            {
                return await call();
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }
}
