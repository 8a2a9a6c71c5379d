using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.Tests.Shared.StateStoreContract;

namespace Loader.MySql.Tests.State;

/// <summary>The history prune contract, against a MySQL database of each test's own (a prune counts the whole store).</summary>
[Collection(MariaDbCollection.Name)]
public sealed class PruneTests(MariaDbServer server) : HistoryPruneContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_database_made_before_the_prune_indexes_gains_them()
    {
        await OpenAsync();
        await _database.Server.ExecuteAsync($"DROP INDEX attempts_by_task_status_run ON `{_database.Name}`.attempts");
        await _database.Server.ExecuteAsync($"DROP INDEX fires_by_run ON `{_database.Name}`.fires");

        await OpenAsync();
        await OpenAsync();

        Assert.Equal(2, await _database.Server.ScalarAsync<long>(
            $"SELECT COUNT(DISTINCT index_name) FROM information_schema.statistics WHERE table_schema = '{_database.Name}' AND index_name IN ('attempts_by_task_status_run', 'fires_by_run')"));
    }
}
