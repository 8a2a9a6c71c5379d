using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.Tests.Shared.StateStoreContract;

namespace Loader.MySql.Tests.State;

/// <summary>The cancel request contract, against MySQL stores sharing a database of the test's own.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class CancelRequestTests(MariaDbServer server) : CancelRequestContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
