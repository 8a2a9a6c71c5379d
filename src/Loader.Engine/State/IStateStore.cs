namespace Loader.State;

/// <summary>
/// Where runs, task attempts, leases, checkpoints and schedule fires are kept: SQLite on one machine,
/// MySQL when runners on several hosts share work. Every method is safe to call from several processes at once.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Creates the store's tables when missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Records the start of a run and returns its id.</summary>
    Task<long> StartRunAsync(RunStart run, CancellationToken cancellationToken);

    /// <summary>Records how a run ended.</summary>
    Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken);

    /// <summary>Inserts or updates attempts, keyed by run, task and attempt number, in one transaction.</summary>
    Task RecordAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken);

    /// <summary>
    /// Tries to lease each task for <paramref name="request"/>'s owner, in one transaction. A task is
    /// <see cref="LeaseOutcome.CompletedElsewhere"/> when an attempt of it succeeded after <see cref="LeaseRequest.SucceededAfter"/>
    /// in another run, <see cref="LeaseOutcome.Held"/> while another owner's lease is live, else it is leased.
    /// </summary>
    Task<IReadOnlyList<LeaseResult>> TryAcquireLeasesAsync(IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken);

    /// <summary>Pushes the expiry of every lease <paramref name="owner"/> holds to <paramref name="expires"/>.</summary>
    Task RenewLeasesAsync(string owner, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>Releases the given leases held by <paramref name="owner"/>.</summary>
    Task ReleaseLeasesAsync(string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken);

    /// <summary>Removes a lease of <paramref name="owner"/>, known to be dead, on <paramref name="taskKey"/>.</summary>
    Task BreakLeaseAsync(string taskKey, string owner, CancellationToken cancellationToken);

    /// <summary>Every lease stored, expired or not, so that a reader can tell which runner holds which task.</summary>
    Task<IReadOnlyList<LeaseRecord>> ListLeasesAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="request"/> unless a request to cancel its run is recorded; true when this call recorded it.</summary>
    Task<bool> RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken);

    /// <summary>The request to cancel run <paramref name="runId"/>, or null when none was made.</summary>
    Task<CancelRequest?> GetCancelRequestAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The newest runs first, of one workflow or all.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken);

    /// <summary>One run, or null.</summary>
    Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>A run's attempts, in the order they started.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; null removes it.</summary>
    Task SetCheckpointAsync(string key, string? value, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="fire"/> unless a fire of its schedule and fire time is recorded; true when this call recorded it.</summary>
    Task<bool> TryRecordFireAsync(FireRecord fire, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an unended fire to <paramref name="newOwner"/> when <paramref name="fromOwner"/> still holds it (a takeover after its
    /// owner died), its heartbeat set to <paramref name="now"/>; true when this call took it. Several processes may race: exactly one wins.
    /// </summary>
    Task<bool> TryTakeOverFireAsync(string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets a fire's status, run, end and note (its owner's call); throws when no such fire is recorded.</summary>
    Task UpdateFireAsync(string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note, CancellationToken cancellationToken);

    /// <summary>Sets the heartbeat of every unended fire <paramref name="owner"/> holds to <paramref name="now"/>.</summary>
    Task RenewFiresAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The newest fires first (by fire time), of one schedule or all, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<FireRecord>> ListFiresAsync(string? schedule, int limit, CancellationToken cancellationToken);

    /// <summary>Every fire not yet ended (queued, running or waiting), oldest first.</summary>
    Task<IReadOnlyList<FireRecord>> OpenFiresAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes the runs, attempts and fires that ended before <paramref name="endedBefore"/>, except what is still read (see
    /// <see cref="HistoryPruner"/>); with <paramref name="dryRun"/> only counts what would go.
    /// </summary>
    Task<PrunedHistory> PruneHistoryAsync(DateTimeOffset endedBefore, bool dryRun, CancellationToken cancellationToken);
}
