namespace Loader.State.Sqlite.Tests;

/// <summary>A temporary folder holding real SQLite files for one test class; stores opened here are disposed with it.</summary>
public sealed class StoreFolder : IAsyncLifetime
{
    /// <summary>The fixed "now" tests measure from, to the millisecond, as the store keeps times.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<SqliteStateStore> _stores = [];

    /// <summary>The folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loader-state-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database file stores open unless told otherwise.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "state", "loader.db");

    /// <summary>A store on <see cref="DatabasePath"/>, its tables created.</summary>
    public async Task<IStateStore> OpenAsync()
    {
        var store = new SqliteStateStore(DatabasePath);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
