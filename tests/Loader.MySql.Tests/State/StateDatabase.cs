using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.State.MySql;

namespace Loader.MySql.Tests.State;

/// <summary>
/// A state database of its own for one test (xUnit makes a test class per test), on the shared server; the test
/// class disposes it, and with it the stores opened on it.
/// </summary>
public sealed class StateDatabase(MariaDbServer server) : IAsyncDisposable
{
    private readonly List<MySqlStateStore> _stores = [];

    /// <summary>The shared server the database is on.</summary>
    public MariaDbServer Server { get; } = server;

    /// <summary>The database's name; the first store to initialize creates it.</summary>
    public string Name { get; } = server.NewDatabaseName("state");

    /// <summary>A store on <see cref="Name"/>, its tables created.</summary>
    public async Task<IStateStore> OpenAsync()
    {
        var store = new MySqlStateStore(Server.ConnectionString, Name, TimeProvider.System);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
