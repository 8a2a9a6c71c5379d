using Loader.Configuration;
using Loader.MySql;
using Loader.Steps;

namespace Loader.State.MySql;

/// <summary>
/// The state store in a MySQL (or MariaDB) database, shared by <c>loader</c> processes on several hosts, with the
/// SQLite store's semantics: leases are decided in one transaction that locks the batch's lease rows first, so two
/// runners never both acquire a task, and a schedule's fire is one row under a unique key, so two services never both
/// fire it. Every call opens its own pooled connection, so one instance may be used from several threads.
/// </summary>
public sealed class MySqlStateStore : IStateStore
{
    /// <summary>The database used unless configuration names one (<c>state.database</c>).</summary>
    public const string DefaultDatabase = "loader";

    private readonly MySqlDatabase _database;
    private readonly TimeProvider _clock;

    /// <summary>
    /// Uses database <paramref name="database"/> on the server <paramref name="connectionString"/> reaches (a
    /// connection string without a database); <paramref name="clock"/> stamps checkpoints.
    /// </summary>
    public MySqlStateStore(string connectionString, string database, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!Loader.MySql.Connections.SqlName.IsPlain(database))
        {
            throw new ConfigurationException($"state.database '{database}' is not a plain MySQL name: use letters, digits, _ and $");
        }
        _database = new MySqlDatabase(connectionString, database);
        _clock = clock;
    }

    /// <summary><c>user@host:port/database</c>, for messages.</summary>
    public string Description => _database.Description;

    /// <summary>
    /// The store the credentials file at <paramref name="credentials"/> logs in to (edX form: host, port, username,
    /// password), a path or a URL that <paramref name="files"/> reads, such as <c>s3://bucket/key</c> (default: local
    /// files only); its password joins <paramref name="secrets"/>.
    /// </summary>
    public static async Task<MySqlStateStore> FromCredentialsAsync(
        string credentials, string? database, SecretMasker secrets, TimeProvider clock, FileSources? files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var login = await MySqlLogin.ReadAsync(credentials, "state.mysql", files, cancellationToken);
        secrets.Add(login.Password);
        return new MySqlStateStore(MySqlLogin.ConnectionString(login), string.IsNullOrEmpty(database) ? DefaultDatabase : database, clock);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenServerAsync(cancellationToken);
        await MySqlSchema.CreateAsync(connection, _database.Name, cancellationToken);
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
            throw new InvalidOperationException($"run {runId} is not in the state store {_database.Description}");
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
        await _database.InTransactionAsync(
            async (connection, transaction, token) =>
            {
                await AttemptTable.UpsertAsync(connection, transaction, attempts, token);
                return true;
            },
            cancellationToken);
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
        return await _database.InTransactionAsync(
            (connection, transaction, token) => LeaseAcquisition.AcquireAsync(connection, transaction, taskKeys, request, token),
            cancellationToken);
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
        await _database.InTransactionAsync(
            (connection, transaction, token) => LeaseTable.ReleaseAsync(connection, transaction, owner, taskKeys, token),
            cancellationToken);
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
    public async Task<IReadOnlyList<LeaseRecord>> ListLeasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await LeaseTable.SelectAllAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await CancelRequestTable.InsertAsync(connection, request, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CancelRequest?> GetCancelRequestAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await CancelRequestTable.SelectAsync(connection, runId, cancellationToken);
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

    /// <inheritdoc />
    public async Task<bool> TryRecordFireAsync(FireRecord fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return await _database.InTransactionAsync(
            (connection, transaction, token) => FireTable.InsertAsync(connection, transaction, fire, token),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryTakeOverFireAsync(
        string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(fromOwner);
        ArgumentNullException.ThrowIfNull(newOwner);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await FireTable.TakeOverAsync(connection, schedule, fireTime, fromOwner, newOwner, now, cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpdateFireAsync(
        string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (!await FireTable.UpdateAsync(connection, schedule, fireTime, status, runId, finished, note, cancellationToken))
        {
            throw new InvalidOperationException($"no fire of schedule '{schedule}' at {fireTime.UtcDateTime:O} is in the state store {_database.Description}");
        }
    }

    /// <inheritdoc />
    public async Task RenewFiresAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await FireTable.RenewAsync(connection, owner, now, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FireRecord>> ListFiresAsync(string? schedule, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await FireTable.SelectNewestAsync(connection, schedule, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FireRecord>> OpenFiresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await FireTable.SelectOpenAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PrunedHistory> PruneHistoryAsync(DateTimeOffset endedBefore, bool dryRun, CancellationToken cancellationToken) =>
        new MySqlHistoryPruner(_database).PruneAsync(endedBefore, dryRun, cancellationToken);

    /// <summary>Closes this store's pooled connections; other instances open new ones.</summary>
    public async ValueTask DisposeAsync() => await _database.ClearPoolAsync();
}
