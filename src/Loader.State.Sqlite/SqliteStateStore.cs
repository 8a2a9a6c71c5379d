namespace Loader.State.Sqlite;

/// <summary>
/// The state store in one SQLite file, shared by the <c>loader</c> processes of one machine. The file runs in
/// WAL mode; writes that decide between processes take the write lock up front (<c>BEGIN IMMEDIATE</c>).
/// Every call opens its own pooled connection, so one instance may be used from several threads.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>Uses the database file at <paramref name="databasePath"/>, creating its folder.</summary>
    public SqliteStateStore(string databasePath)
        : this(databasePath, TimeProvider.System)
    {
    }

    /// <summary>Uses the database file at <paramref name="databasePath"/>; <paramref name="clock"/> stamps checkpoints.</summary>
    public SqliteStateStore(string databasePath, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _database = new SqliteDatabase(databasePath);
        _clock = clock;
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _database.Path;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await SqliteSchema.CreateAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> StartRunAsync(RunStart run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await RunTable.InsertAsync(connection, run, cancellationToken);
    }

    /// <inheritdoc />
    public async Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (!await RunTable.FinishAsync(connection, runId, status, finished, summary, cancellationToken))
        {
            throw new InvalidOperationException($"run {runId} is not in the state store '{_database.Path}'");
        }
    }

    /// <inheritdoc />
    public async Task RecordAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await AttemptTable.UpsertAsync(transaction, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaseResult>> TryAcquireLeasesAsync(IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskKeys);
        ArgumentNullException.ThrowIfNull(request);
        if (taskKeys.Count == 0)
        {
            return [];
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var results = await LeaseAcquisition.AcquireAsync(transaction, taskKeys, request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <inheritdoc />
    public async Task RenewLeasesAsync(string owner, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await LeaseTable.RenewAsync(connection, owner, expires, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReleaseLeasesAsync(string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(taskKeys);
        if (taskKeys.Count == 0)
        {
            return;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await LeaseTable.ReleaseAsync(transaction, owner, taskKeys, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task BreakLeaseAsync(string taskKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskKey);
        ArgumentNullException.ThrowIfNull(owner);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await LeaseTable.BreakAsync(connection, taskKey, owner, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await RunTable.SelectNewestAsync(connection, workflow, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await RunTable.SelectAsync(connection, runId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await AttemptTable.SelectOfRunAsync(connection, runId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await CheckpointTable.SelectAsync(connection, key, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string key, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await CheckpointTable.WriteAsync(connection, key, value, _clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file; other instances on the same file open new ones.</summary>
    public ValueTask DisposeAsync()
    {
        _database.ClearPool();
        return ValueTask.CompletedTask;
    }
}
