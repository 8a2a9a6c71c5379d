using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The checkpoint contract, against SQLite stores sharing one file.</summary>
public sealed class CheckpointTests(StoreFolder folder) : CheckpointContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
