using Loader.State;

namespace Loader.Bench.Profiling;

/// <summary>A state store that grants every lease and fire and keeps nothing: the runner's cost without SQLite.</summary>
internal sealed class MemoryStateStore : IStateStore
{
    private long _runs;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> StartRunAsync(RunStart run, CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _runs));

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RecordAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<LeaseResult>> TryAcquireLeasesAsync(IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LeaseResult>>(taskKeys.Select(k => new LeaseResult(k, LeaseOutcome.Acquired)).ToList());

    public Task RenewLeasesAsync(string owner, DateTimeOffset expires, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseLeasesAsync(string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task BreakLeaseAsync(string taskKey, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RunRecord>>([]);

    public Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken) => Task.FromResult<RunRecord?>(null);

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AttemptRecord>>([]);

    public Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task SetCheckpointAsync(string key, string? value, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryRecordFireAsync(FireRecord fire, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> TryTakeOverFireAsync(
        string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task UpdateFireAsync(
        string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RenewFiresAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<FireRecord>> ListFiresAsync(string? schedule, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FireRecord>>([]);

    public Task<IReadOnlyList<FireRecord>> OpenFiresAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FireRecord>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
