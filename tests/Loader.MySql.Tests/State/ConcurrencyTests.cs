using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.State.MySql;
using Loader.Tests.Shared.StateStoreContract;

namespace Loader.MySql.Tests.State;

/// <summary>
/// The concurrency contract, against MySQL stores sharing a database of the test's own, and what racing leaves in
/// the database: stores creating it at once, one lease row per raced key.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ConcurrencyTests(MariaDbServer server) : ConcurrencyContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Stores_initializing_the_same_new_database_at_once_all_succeed()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new MySqlStateStore(_database.Server.ConnectionString, _database.Name, TimeProvider.System)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(None))));

            var id = await stores[3].StartRunAsync(new RunStart("daily", "", "host:1", Now), None);
            Assert.NotNull(await stores[0].GetRunAsync(id, None));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stores_racing_for_the_same_keys_leave_one_lease_row_per_key()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var keys = Enumerable.Range(0, 500).Select(i => $"Race_{i:D3}").ToArray();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(contender => (contender % 2 == 0 ? first : second).TryAcquireLeasesAsync(
            keys.OrderBy(_ => Random.Shared.Next()).ToArray(),
            new LeaseRequest($"host:{contender}:{contender}", contender + 100, Now.AddHours(1), Now, Now.AddDays(-1)),
            None)));

        Assert.Equal(500, await _database.Server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{_database.Name}`.leases"));
    }
}
