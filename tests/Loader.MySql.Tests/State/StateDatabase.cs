using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.State.MySql;

namespace Loader.MySql.Tests.State;

/// <summary>
/// A state database of its own for one test (xUnit makes a test class per test), on the shared server; stores
/// opened on it are disposed with it.
/// </summary>
public abstract class StateDatabase(MariaDbServer server) : IAsyncLifetime
{
    /// <summary>The fixed "now" tests measure from, to the millisecond, as the store keeps times.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static readonly CancellationToken None = CancellationToken.None;

    private readonly List<MySqlStateStore> _stores = [];

    protected MariaDbServer Server { get; } = server;

    /// <summary>The database the stores use.</summary>
    protected string Database { get; } = server.NewDatabaseName("state");

    /// <summary>A store on <see cref="Database"/>, its tables created.</summary>
    protected async Task<IStateStore> OpenAsync()
    {
        var store = new MySqlStateStore(Server.ConnectionString, Database, TimeProvider.System);
        _stores.Add(store);
        await store.InitializeAsync(None);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
