using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.Tests.Shared.StateStoreContract;

namespace Loader.MySql.Tests.State;

/// <summary>
/// The lease contract, against MySQL stores sharing a database of the test's own, and what MySQL could get wrong
/// on its own: case-insensitive keys and placeholder rows left behind.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class LeaseTests(MariaDbServer server) : LeaseContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_different_tasks()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["Load_ab"], Request("host:1:1", Now), None);

        var result = await store.TryAcquireLeasesAsync(["load_AB"], Request("host:2:2", Now), None);

        Assert.Equal(LeaseOutcome.Acquired, Assert.Single(result).Outcome);
    }

    [Fact]
    public async Task Results_come_back_in_the_order_asked_and_a_decision_leaves_no_placeholder_behind()
    {
        var store = await OpenAsync();
        await store.TryAcquireLeasesAsync(["b-held"], Request("host:1:1", Now), None);

        var result = await store.TryAcquireLeasesAsync(["z-free", "b-held", "a-free"], Request("host:2:2", Now), None);

        Assert.Equal(["z-free", "b-held", "a-free"], result.Select(r => r.TaskKey));
        Assert.Equal([LeaseOutcome.Acquired, LeaseOutcome.Held, LeaseOutcome.Acquired], result.Select(r => r.Outcome));
        Assert.Equal(0, await _database.Server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{_database.Name}`.leases WHERE owner = ''"));
    }
}
