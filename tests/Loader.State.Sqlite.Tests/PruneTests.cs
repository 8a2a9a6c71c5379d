using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The history prune contract, against a SQLite file of each test's own (a prune counts the whole store).</summary>
public sealed class PruneTests : HistoryPruneContract, IAsyncLifetime
{
    private readonly StoreFolder _folder = new();

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _folder.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _folder.DisposeAsync();

    [Fact]
    public async Task A_prune_that_frees_a_quarter_of_the_file_compacts_it_and_a_small_one_does_not()
    {
        var store = await OpenAsync();
        var old = Now.AddDays(-200);
        for (var i = 0; i < 300; i++)
        {
            var id = await store.StartRunAsync(new RunStart("daily", "", "host:1", old), None);
            await store.FinishRunAsync(id, RunStatus.Failed, old, new string('x', 20_000), None);
        }
        await store.StartRunAsync(new RunStart("daily", "", "host:1", old.AddDays(1)), None);
        var small = await store.PruneHistoryAsync(old.AddSeconds(1), dryRun: true, None);
        var fileBefore = await CheckpointedSizeAsync();

        var pruned = await store.PruneHistoryAsync(Now.AddDays(-90), dryRun: false, None);
        var again = await store.PruneHistoryAsync(Now.AddDays(-90), dryRun: false, None);

        Assert.Equal(300, small.RunsRemoved);
        Assert.Null(small.BytesFreed); // a dry run never compacts
        Assert.Equal(300, pruned.RunsRemoved);
        Assert.True(pruned.BytesFreed > 4_000_000, $"freed {pruned.BytesFreed} of {fileBefore} bytes");
        Assert.True(new FileInfo(_folder.DatabasePath).Length < fileBefore / 10, $"{new FileInfo(_folder.DatabasePath).Length} bytes left of {fileBefore}");
        Assert.Null(again.BytesFreed); // nothing removed, nothing to compact
        Assert.Single(await store.ListRunsAsync(null, 10, None));
    }

    /// <summary>The file's size once the write-ahead log is folded into it.</summary>
    private async Task<long> CheckpointedSizeAsync()
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        return new FileInfo(_folder.DatabasePath).Length;
    }
}
