using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The run contract, against SQLite stores sharing one file.</summary>
public sealed class RunTests(StoreFolder folder) : RunContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
