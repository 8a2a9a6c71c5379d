using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Checkpoints are set, overwritten, read and deleted alike in every store, and shared by its stores.</summary>
public abstract class CheckpointContract : StoreContract
{
    [Fact]
    public async Task A_checkpoint_is_set_overwritten_read_and_deleted()
    {
        var store = await OpenAsync();

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
        var writer = await OpenAsync();
        var reader = await OpenAsync();

        await writer.SetCheckpointAsync("shared", "", None);

        Assert.Equal("", await reader.GetCheckpointAsync("shared", None));
    }
}
