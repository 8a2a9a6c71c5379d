using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The concurrency contract, against SQLite stores sharing one file, and stores creating a new file at once.</summary>
public sealed class ConcurrencyTests(StoreFolder folder) : ConcurrencyContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();

    [Fact]
    public async Task Stores_initializing_the_same_new_file_at_once_all_succeed()
    {
        var path = Path.Combine(folder.Path, "fresh", "loader.db");
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteStateStore(path)).ToArray();
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
}
