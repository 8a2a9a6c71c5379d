using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Stores racing for the same leases decide each key once, and decide many keys in one quick call.</summary>
public abstract class ConcurrencyContract : StoreContract
{
    [Fact]
    public async Task Two_stores_racing_for_the_same_500_keys_acquire_each_key_exactly_once()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var keys = Enumerable.Range(0, 500).Select(i => $"Race_{i:D3}").ToArray();

        var inFlight = 0;
        var mostInFlight = 0;
        // A store whose calls complete synchronously (SQLite) needs dedicated threads released together: else each
        // contender would finish its batches before the next one started and nothing would race.
        using var start = new Barrier(8);
        var contenders = Enumerable.Range(0, 8).Select(contender => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            var store = contender % 2 == 0 ? first : second;
            var request = new LeaseRequest($"host:{contender}:{contender}", contender + 100, Now.AddHours(1), Now, Now.AddDays(-1));
            var order = keys.OrderBy(_ => Random.Shared.Next()).ToArray();
            var results = new List<(int Contender, LeaseResult Result)>();
            foreach (var batch in order.Chunk(25))
            {
                RaiseTo(ref mostInFlight, Interlocked.Increment(ref inFlight));
                var outcomes = await store.TryAcquireLeasesAsync(batch, request, None);
                Interlocked.Decrement(ref inFlight);
                results.AddRange(outcomes.Select(r => (contender, r)));
            }
            return results;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        var all = (await Task.WhenAll(contenders)).SelectMany(r => r).ToList();

        Assert.Equal(8 * 500, all.Count);
        Assert.True(mostInFlight > 1, "the contenders never overlapped, so nothing raced");
        foreach (var perKey in all.GroupBy(r => r.Result.TaskKey))
        {
            var winner = Assert.Single(perKey, r => r.Result.Outcome == LeaseOutcome.Acquired);
            Assert.All(perKey.Where(r => r.Contender != winner.Contender),
                r => Assert.Equal(new LeaseResult(perKey.Key, LeaseOutcome.Held, $"host:{winner.Contender}:{winner.Contender}"), r.Result));
        }
        Assert.Equal(500, all.Select(r => r.Result.TaskKey).Distinct().Count());
    }

    [Fact]
    public async Task A_thousand_keys_are_decided_in_one_quick_call()
    {
        var store = await OpenAsync();
        var keys = Enumerable.Range(0, 1_000).Select(i => $"Bulk_{i:D4}").ToArray();
        var request = new LeaseRequest("host:1:1", 1, Now.AddHours(1), Now, Now.AddDays(-1));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var acquired = await store.TryAcquireLeasesAsync(keys, request, None);
        var held = await store.TryAcquireLeasesAsync(keys, request with { Owner = "host:2:2" }, None);
        clock.Stop();

        Assert.All(acquired, r => Assert.Equal(LeaseOutcome.Acquired, r.Outcome));
        Assert.All(held, r => Assert.Equal("host:1:1", r.Holder));
        Assert.Equal(keys, held.Select(r => r.TaskKey));
        // Generous so a slow CI machine passes; a transaction or fsync per key would take far longer.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"2,000 lease decisions took {clock.Elapsed}");
    }

    private static void RaiseTo(ref int highest, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref highest)) < value && Interlocked.CompareExchange(ref highest, value, seen) != seen)
        {
        }
    }
}
