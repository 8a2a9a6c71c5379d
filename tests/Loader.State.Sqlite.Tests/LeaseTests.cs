using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The lease contract, against SQLite stores sharing one file.</summary>
public sealed class LeaseTests(StoreFolder folder) : LeaseContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
