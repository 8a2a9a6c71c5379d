using Loader.Tests.Shared.StateStoreContract;

namespace Loader.State.Sqlite.Tests;

/// <summary>The completed-elsewhere contract, against SQLite stores sharing one file.</summary>
public sealed class CompletedElsewhereTests(StoreFolder folder) : CompletedElsewhereContract, IClassFixture<StoreFolder>
{
    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => folder.OpenAsync();
}
