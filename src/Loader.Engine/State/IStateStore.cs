namespace Loader.State;

/// <summary>
/// Where runs, task attempts, leases and checkpoints are kept: SQLite on one machine,
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
}
