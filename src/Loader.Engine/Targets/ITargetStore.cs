namespace Loader.Targets;

/// <summary>Where targets of one URL scheme live: says which exist, in bulk, and writes them atomically.</summary>
public interface ITargetStore
{
    /// <summary>The URL scheme this store serves, such as <c>file</c> or <c>s3</c>.</summary>
    string Scheme { get; }

    /// <summary>
    /// Which of <paramref name="targets"/> exist, answered with as few listings as the store allows
    /// (one per folder or prefix), never one probe per target where a listing can do.
    /// </summary>
    Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken);

    /// <summary>Removes a target so that it no longer counts as existing (the flag or marker first).</summary>
    Task RemoveAsync(Target target, CancellationToken cancellationToken);

    /// <summary>Where a step should write <paramref name="target"/> so that it is not visible until committed.</summary>
    Task<string> PrepareAsync(Target target, CancellationToken cancellationToken);

    /// <summary>Makes the written target visible under its name: a rename, or the flag or marker written last.</summary>
    Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken);

    /// <summary>Throws away what a failed attempt wrote for <paramref name="target"/>.</summary>
    Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken);
}
