using System.Collections.Concurrent;
using Loader.Targets;

namespace Loader.Bench.Profiling;

/// <summary>Serves <c>file</c> targets from memory: the runner's cost without touching the disk.</summary>
internal sealed class MemoryTargetStore : ITargetStore
{
    private readonly ConcurrentDictionary<Target, bool> _written = new();

    public string Scheme => "file";

    public Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<Target>>(targets.Where(_written.ContainsKey).ToHashSet());

    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken) => Task.FromResult(target.Location);

    public Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken)
    {
        _written[target] = true;
        return Task.CompletedTask;
    }

    public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken) => Task.CompletedTask;
}
