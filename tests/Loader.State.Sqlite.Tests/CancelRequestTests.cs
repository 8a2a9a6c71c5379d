using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The cancel request contract, against SQLite stores sharing one file.</summary>
public sealed class CancelRequestTests(StoreFolder folder) : CancelRequestContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
