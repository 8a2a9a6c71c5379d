namespace Loader.Targets;

/// <summary>
/// Where targets of one URL scheme live: says which exist, in bulk, and writes them atomically. An attempt never
/// touches an existing output before it succeeds: it writes apart (<see cref="PrepareAsync"/>), and only its commit
/// replaces what was there, so a failed or killed overwrite leaves the previous output whole.
/// </summary>
public interface ITargetStore
{
    /// <summary>The URL scheme this store serves, such as <c>file</c> or <c>s3</c>.</summary>
    string Scheme { get; }

    /// <summary>
    /// Which of <paramref name="targets"/> exist, answered with as few listings as the store allows
    /// (one per folder or prefix), never one probe per target where a listing can do.
    /// </summary>
    Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken);

    /// <summary>
    /// Where a step should write <paramref name="target"/> so that it is not visible until committed: a new, empty
    /// place apart from any existing output, never the output itself (rows go into a table in a transaction instead).
    /// </summary>
    Task<string> PrepareAsync(Target target, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the written target visible under its name, replacing any previous output: in one step where the store
    /// can (a rename, a swap, a transaction); otherwise the old flag or marker goes first and the new one last, so
    /// that no reader takes a half-replaced output for complete.
    /// </summary>
    Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken);

    /// <summary>Throws away what a failed attempt wrote for <paramref name="target"/>.</summary>
    Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken);
}
