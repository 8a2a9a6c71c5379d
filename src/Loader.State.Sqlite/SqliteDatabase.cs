using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>
/// One SQLite file shared by several <c>loader</c> processes. Every operation opens its own pooled
/// connection, so calls from several threads never share one.
/// </summary>
internal sealed class SqliteDatabase
{
    // A writer waits up to 10 s for another process's write lock; WAL makes NORMAL sync durable enough.
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;

    /// <summary>Points at <paramref name="path"/>, creating its folder.</summary>
    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>Opens a connection with this store's per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // busy_timeout and synchronous are per connection, and a pooled connection may be new.
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken up front, so what the
    /// transaction reads cannot be changed by another process before it writes.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    /// <summary>Closes the pooled connections to this file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
