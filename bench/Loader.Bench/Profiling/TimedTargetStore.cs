using Loader.Targets;

namespace Loader.Bench.Profiling;

/// <summary>Times every call the planner and runner make on a target store.</summary>
internal sealed class TimedTargetStore(ITargetStore inner, CallTimes times) : ITargetStore
{
    public string Scheme => inner.Scheme;

    public Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken) =>
        times.TimeAsync("targets.WhichExistAsync", targets.Count, () => inner.WhichExistAsync(targets, cancellationToken));

    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken) =>
        times.TimeAsync("targets.PrepareAsync", 1, () => inner.PrepareAsync(target, cancellationToken));

    public Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken) =>
        times.TimeAsync("targets.CommitAsync", 1, () => inner.CommitAsync(target, writtenAt, markerContent, cancellationToken));

    public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken) =>
        times.TimeAsync("targets.DiscardAsync", 1, () => inner.DiscardAsync(target, writtenAt, cancellationToken));
}
