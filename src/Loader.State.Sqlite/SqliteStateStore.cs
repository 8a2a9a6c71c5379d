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
        : this(databasePath, clock, DefaultLockWait, _ => { })
    {
    }

    /// <summary>
    /// Uses the database file at <paramref name="databasePath"/>, waiting up to <paramref name="lockWait"/> while another process
    /// holds its lock and telling <paramref name="announce"/> when such a wait starts. A problem with the file (a folder, no
    /// right to write it) is a <see cref="StateStoreException"/> here or at the first call.
    /// </summary>
    public SqliteStateStore(string databasePath, TimeProvider clock, TimeSpan lockWait, Action<string> announce)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(announce);
        _database = new SqliteDatabase(databasePath, lockWait, announce);
        _clock = clock;
    }

    /// <summary>How long a call waits for another process's lock unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(30);

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _database.Path;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _database.RunAsync(connection => SqliteSchema.CreateAsync(connection, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> StartRunAsync(RunStart run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await _database.RunAsync(connection => RunTable.InsertAsync(connection, run, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await _database.RunAsync(async connection =>
        {
            if (!await RunTable.FinishAsync(connection, runId, status, finished, summary, cancellationToken))
            {
                throw new InvalidOperationException($"run {runId} is not in the state store '{_database.Path}'");
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }
        await _database.RunAsync(async connection =>
        {
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            await AttemptTable.UpsertAsync(transaction, attempts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
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
        return await _database.RunAsync(async connection =>
        {
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            var results = await LeaseAcquisition.AcquireAsync(transaction, taskKeys, request, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return results;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RenewLeasesAsync(string owner, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await _database.RunAsync(connection => LeaseTable.RenewAsync(connection, owner, expires, cancellationToken), cancellationToken);
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
        await _database.RunAsync(async connection =>
        {
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            await LeaseTable.ReleaseAsync(transaction, owner, taskKeys, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task BreakLeaseAsync(string taskKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskKey);
        ArgumentNullException.ThrowIfNull(owner);
        await _database.RunAsync(connection => LeaseTable.BreakAsync(connection, taskKey, owner, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await _database.RunAsync(connection => RunTable.SelectNewestAsync(connection, workflow, limit, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaseRecord>> ListLeasesAsync(CancellationToken cancellationToken) =>
        await _database.RunAsync(connection => LeaseTable.SelectAllAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await _database.RunAsync(connection => CancelRequestTable.InsertAsync(connection, request, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CancelRequest?> GetCancelRequestAsync(long runId, CancellationToken cancellationToken) =>
        await _database.RunAsync(connection => CancelRequestTable.SelectAsync(connection, runId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        return await _database.RunAsync(connection => RunTable.SelectAsync(connection, runId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(long runId, CancellationToken cancellationToken)
    {
        return await _database.RunAsync(connection => AttemptTable.SelectOfRunAsync(connection, runId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await _database.RunAsync(connection => CheckpointTable.SelectAsync(connection, key, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetCheckpointAsync(string key, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _database.RunAsync(connection => CheckpointTable.WriteAsync(connection, key, value, _clock.GetUtcNow(), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryRecordFireAsync(FireRecord fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return await _database.RunAsync(connection => FireTable.InsertAsync(connection, fire, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryTakeOverFireAsync(
        string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(fromOwner);
        ArgumentNullException.ThrowIfNull(newOwner);
        return await _database.RunAsync(
            connection => FireTable.TakeOverAsync(connection, schedule, fireTime, fromOwner, newOwner, now, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpdateFireAsync(
        string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await _database.RunAsync(async connection =>
        {
            if (!await FireTable.UpdateAsync(connection, schedule, fireTime, status, runId, finished, note, cancellationToken))
            {
                throw new InvalidOperationException($"no fire of schedule '{schedule}' at {fireTime.UtcDateTime:O} is in the state store '{_database.Path}'");
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RenewFiresAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await _database.RunAsync(connection => FireTable.RenewAsync(connection, owner, now, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FireRecord>> ListFiresAsync(string? schedule, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await _database.RunAsync(connection => FireTable.SelectNewestAsync(connection, schedule, limit, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FireRecord>> OpenFiresAsync(CancellationToken cancellationToken)
    {
        return await _database.RunAsync(connection => FireTable.SelectOpenAsync(connection, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>After a prune that left at least a quarter of the file free, the file is rewritten to give the space back.</remarks>
    public async Task<PrunedHistory> PruneHistoryAsync(DateTimeOffset endedBefore, bool dryRun, CancellationToken cancellationToken)
    {
        var pruner = new SqliteHistoryPruner(_database);
        var pruned = await pruner.PruneAsync(endedBefore, dryRun, cancellationToken);
        return dryRun || !pruned.RemovedAny ? pruned : pruned with { BytesFreed = await pruner.CompactAsync(cancellationToken) };
    }

    /// <summary>Closes the pooled connections to the file; other instances on the same file open new ones.</summary>
    public ValueTask DisposeAsync()
    {
        _database.ClearPool();
        return ValueTask.CompletedTask;
    }
}
