using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The attempt contract, against SQLite stores sharing one file.</summary>
public sealed class AttemptTests(StoreFolder folder) : AttemptContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
