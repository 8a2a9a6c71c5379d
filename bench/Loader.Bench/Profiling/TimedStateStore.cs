using Loader.State;

namespace Loader.Bench.Profiling;

/// <summary>Times every call the runner makes on a state store.</summary>
internal sealed class TimedStateStore(IStateStore inner, CallTimes times) : IStateStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        times.TimeAsync("state.InitializeAsync", 0, () => inner.InitializeAsync(cancellationToken));

    public Task<long> StartRunAsync(RunStart run, CancellationToken cancellationToken) =>
        times.TimeAsync("state.StartRunAsync", 1, () => inner.StartRunAsync(run, cancellationToken));

    public Task FinishRunAsync(long runId, RunStatus status, DateTimeOffset finished, string summary, CancellationToken cancellationToken) =>
        times.TimeAsync("state.FinishRunAsync", 1, () => inner.FinishRunAsync(runId, status, finished, summary, cancellationToken));

    public Task RecordAttemptsAsync(IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken) =>
        times.TimeAsync("state.RecordAttemptsAsync", attempts.Count, () => inner.RecordAttemptsAsync(attempts, cancellationToken));

    public Task<IReadOnlyList<LeaseResult>> TryAcquireLeasesAsync(IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken) =>
        times.TimeAsync("state.TryAcquireLeasesAsync", taskKeys.Count, () => inner.TryAcquireLeasesAsync(taskKeys, request, cancellationToken));

    public Task RenewLeasesAsync(string owner, DateTimeOffset expires, CancellationToken cancellationToken) =>
        times.TimeAsync("state.RenewLeasesAsync", 0, () => inner.RenewLeasesAsync(owner, expires, cancellationToken));

    public Task ReleaseLeasesAsync(string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken) =>
        times.TimeAsync("state.ReleaseLeasesAsync", taskKeys.Count, () => inner.ReleaseLeasesAsync(owner, taskKeys, cancellationToken));

    public Task BreakLeaseAsync(string taskKey, string owner, CancellationToken cancellationToken) =>
        times.TimeAsync("state.BreakLeaseAsync", 1, () => inner.BreakLeaseAsync(taskKey, owner, cancellationToken));

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken) =>
        inner.ListRunsAsync(workflow, limit, cancellationToken);

    public Task<RunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(long runId, CancellationToken cancellationToken) =>
        inner.GetAttemptsAsync(runId, cancellationToken);

    public Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken) => inner.GetCheckpointAsync(key, cancellationToken);

    public Task SetCheckpointAsync(string key, string? value, CancellationToken cancellationToken) =>
        inner.SetCheckpointAsync(key, value, cancellationToken);

    public Task<bool> TryRecordFireAsync(FireRecord fire, CancellationToken cancellationToken) => inner.TryRecordFireAsync(fire, cancellationToken);

    public Task<bool> TryTakeOverFireAsync(
        string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TryTakeOverFireAsync(schedule, fireTime, fromOwner, newOwner, now, cancellationToken);

    public Task UpdateFireAsync(
        string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note, CancellationToken cancellationToken) =>
        inner.UpdateFireAsync(schedule, fireTime, status, runId, finished, note, cancellationToken);

    public Task RenewFiresAsync(string owner, DateTimeOffset now, CancellationToken cancellationToken) => inner.RenewFiresAsync(owner, now, cancellationToken);

    public Task<IReadOnlyList<FireRecord>> ListFiresAsync(string? schedule, int limit, CancellationToken cancellationToken) =>
        inner.ListFiresAsync(schedule, limit, cancellationToken);

    public Task<IReadOnlyList<FireRecord>> OpenFiresAsync(CancellationToken cancellationToken) => inner.OpenFiresAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
