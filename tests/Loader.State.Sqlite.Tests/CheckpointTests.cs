namespace Loader.State.Sqlite.Tests;

public sealed class CheckpointTests(StoreFolder folder) : IClassFixture<StoreFolder>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_checkpoint_is_set_overwritten_read_and_deleted()
    {
        var store = await folder.OpenAsync();

        var missing = await store.GetCheckpointAsync("orders.last_id", None);
        await store.SetCheckpointAsync("orders.last_id", "100", None);
        await store.SetCheckpointAsync("orders.last_id", "250", None);
        await store.SetCheckpointAsync("customers.last_id", "7", None);
        var overwritten = await store.GetCheckpointAsync("orders.last_id", None);
        await store.SetCheckpointAsync("orders.last_id", null, None);
        var deleted = await store.GetCheckpointAsync("orders.last_id", None);

        Assert.Null(missing);
        Assert.Equal("250", overwritten);
        Assert.Null(deleted);
        Assert.Equal("7", await store.GetCheckpointAsync("customers.last_id", None));
    }

    [Fact]
    public async Task A_checkpoint_written_by_one_store_is_read_by_another()
    {
        var writer = await folder.OpenAsync();
        var reader = await folder.OpenAsync();

        await writer.SetCheckpointAsync("shared", "", None);

        Assert.Equal("", await reader.GetCheckpointAsync("shared", None));
    }
}
