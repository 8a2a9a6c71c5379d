using System.Diagnostics;
using Loader.Parameters;
using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>
/// One SQLite file shared by several <c>loader</c> processes. Every operation opens its own pooled
/// connection, so calls from several threads never share one. Failures become <see cref="StateStoreException"/>s.
/// </summary>
internal sealed class SqliteDatabase
{
    // Each try waits up to a second for another process's write lock; RunAsync tries again until the lock wait
    // is over, announcing the wait once. WAL makes NORMAL sync durable enough.
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 1000; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly TimeSpan _lockWait;
    private readonly Action<string> _announce;
    private int _announced;

    /// <summary>
    /// Points at <paramref name="path"/>, creating its folder; waits up to <paramref name="lockWait"/> for another process's lock,
    /// telling <paramref name="announce"/> when it starts waiting.
    /// </summary>
    public SqliteDatabase(string path, TimeSpan lockWait, Action<string> announce)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _lockWait = lockWait;
        _announce = announce;
        if (Directory.Exists(Path))
        {
            throw new StateStoreException(
                $"state store {Path} is a folder, not a file: point state.sqlite at a file, such as {System.IO.Path.Combine(Path, "state.db")}",
                Running.ExitCodes.StateStoreUnusable);
        }
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (File.Exists(folder))
        {
            throw new StateStoreException(
                $"state store {Path} cannot be made: {folder} is a file, not a folder; point state.sqlite at a path in a folder",
                Running.ExitCodes.StateStoreUnusable);
        }
        if (!string.IsNullOrEmpty(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw SqliteFailures.Unwritable(Path, $"its folder cannot be made: {e.Message}", e);
            }
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy statement for this many seconds on its own; RunAsync bounds the whole wait.
            DefaultTimeout = 1,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Runs <paramref name="work"/> on a new connection. While another process holds the lock it tries again, up to the lock
    /// wait; any SQLite failure becomes a <see cref="StateStoreException"/> saying what to do.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                return await work(connection);
            }
            catch (SqliteException e) when (SqliteFailures.IsBusy(e))
            {
                if (waiting.Elapsed >= _lockWait)
                {
                    throw SqliteFailures.LockedFor(Path, _lockWait, e);
                }
                if (Interlocked.Exchange(ref _announced, 1) == 0)
                {
                    _announce($"state store {Path} is locked by another process; waiting up to {Durations.Format(_lockWait)} (state.lock_wait)");
                }
            }
            catch (SqliteException e)
            {
                throw SqliteFailures.Explain(e, Path);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> as <see cref="RunAsync{T}"/> does, for work without a result.</summary>
    public Task RunAsync(Func<SqliteConnection, Task> work, CancellationToken cancellationToken) =>
        RunAsync<bool>(async connection =>
        {
            await work(connection);
            return true;
        }, cancellationToken);

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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
}
