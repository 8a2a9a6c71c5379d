using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace Loader.Targets;

/// <summary>Targets on this machine's disk. Existence is answered with one listing per folder.</summary>
public sealed class LocalTargetStore : ITargetStore
{
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> _leftovers = new(StringComparer.Ordinal);
    private static readonly EnumerationOptions WithHidden = new() { AttributesToSkip = 0 };

    /// <inheritdoc />
    public string Scheme => "file";

    /// <inheritdoc />
    public Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken)
    {
        // A new plan may follow folders being deleted: forget which ones were created.
        _folders.Clear();
        _leftovers.Clear();
        var existing = new HashSet<Target>();
        foreach (var group in targets.GroupBy(t => (Folder: ListingFolder(t), Flags: t.Kind == TargetKind.Flag)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var present = List(group.Key.Folder, group.Key.Flags);
            // A flag listing shows only flagged folders: leftovers need the folder's own names.
            NoteLeftovers(group.Key.Folder, group.Key.Flags ? List(group.Key.Folder, flagsOnly: false).Keys : present.Keys);
            foreach (var target in group)
            {
                var name = Path.GetFileName(Trimmed(target.Location));
                if (present.TryGetValue(name, out var isFolder) && isFolder == (target.Kind == TargetKind.Folder || target.Kind == TargetKind.Flag))
                {
                    existing.Add(target);
                }
            }
        }
        return Task.FromResult<IReadOnlySet<Target>>(existing);
    }

    /// <summary>Remembers the temporary outputs the listing of <paramref name="folder"/> shows, by the path they were for.</summary>
    private void NoteLeftovers(string folder, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (AtomicFile.TemporaryOwner(name) is { } owner)
            {
                _leftovers.GetOrAdd(Path.Combine(folder, owner), _ => []).Add(Path.Combine(folder, name));
            }
        }
    }

    /// <summary>
    /// Removes what dead attempts left beside <paramref name="path"/>, as the planning listing found it. Called under the
    /// task's lease, so no live attempt writes them: a runner that died had its steps killed before its lease was broken.
    /// </summary>
    private void RemoveLeftovers(string path)
    {
        if (!_leftovers.TryRemove(path, out var leftovers))
        {
            return;
        }
        foreach (var leftover in leftovers)
        {
            AtomicFile.Delete(leftover);
        }
    }

    /// <inheritdoc />
    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken)
    {
        var path = LocalPath(target);
        RemoveLeftovers(path);
        EnsureFolder(Path.GetDirectoryName(path)!);
        switch (target.Kind)
        {
            case TargetKind.Marker:
                // The runner writes markers itself, at commit.
                return Task.FromResult(path);
            case TargetKind.Flag or TargetKind.Folder:
                // A new, empty folder beside the output: the old output stays whole until commit, and nothing of it,
                // or of an earlier attempt, is committed with this one.
                var folder = AtomicFile.TemporaryPathFor(path);
                Directory.CreateDirectory(folder);
                return Task.FromResult(folder);
            default:
                return Task.FromResult(AtomicFile.TemporaryPathFor(path));
        }
    }

    /// <inheritdoc />
    public async Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken)
    {
        var path = LocalPath(target);
        switch (target.Kind)
        {
            case TargetKind.Flag:
                // The flag goes into the finished folder before it is swapped in: the folder appears complete at once.
                if (!Directory.Exists(writtenAt))
                {
                    throw new IOException($"the step succeeded but its output folder '{target.Location}' is gone (expected it at {writtenAt})");
                }
                await File.WriteAllTextAsync(Path.Combine(writtenAt, Target.SuccessFlag), "", cancellationToken);
                AtomicFile.MoveIntoPlace(writtenAt, path);
                break;
            case TargetKind.Marker:
                // Its folder may be gone since it was prepared: a flag folder it sits in is swapped whole at commit.
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.WriteAllText(path, markerContent);
                break;
            default:
                if (!File.Exists(writtenAt) && !Directory.Exists(writtenAt))
                {
                    throw new IOException($"the step succeeded but did not write its output '{target.Location}'");
                }
                AtomicFile.MoveIntoPlace(writtenAt, path);
                break;
        }
    }

    /// <inheritdoc />
    public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken)
    {
        if (target.Kind is TargetKind.File or TargetKind.Folder or TargetKind.Flag)
        {
            AtomicFile.Delete(writtenAt);
        }
        return Task.CompletedTask;
    }

    /// <summary>Creates a folder once per store, not once per target: a run writes thousands of markers into a few folders.</summary>
    private void EnsureFolder(string folder)
    {
        if (!_folders.ContainsKey(folder))
        {
            Directory.CreateDirectory(folder);
            _folders[folder] = true;
        }
    }

    private static string LocalPath(Target target) =>
        Path.GetFullPath(Trimmed(target.Location.StartsWith("file://", StringComparison.Ordinal) ? target.Location[7..] : target.Location));

    private static string Trimmed(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string ListingFolder(Target target) => Path.GetDirectoryName(LocalPath(target)) ?? "/";

    /// <summary>The names in <paramref name="folder"/>, and whether each is a folder; flag folders count only with their flag.</summary>
    private static Dictionary<string, bool> List(string folder, bool flagsOnly)
    {
        var names = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return names;
        }
        if (flagsOnly)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true };
            foreach (var flag in Directory.EnumerateFiles(folder, Target.SuccessFlag, options))
            {
                var flagged = Path.GetDirectoryName(flag)!;
                // The listed folder's own flag completes the folder itself, not a subfolder that shares its name.
                if (flagged != folder)
                {
                    names[Path.GetFileName(flagged)] = true;
                }
            }
            return names;
        }
        // Names and kinds straight from the directory entries: no stat call per file. Dot-files too: temporary outputs are.
        var entries = new FileSystemEnumerable<(string Name, bool IsFolder)>(
            folder, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory), WithHidden);
        foreach (var (name, isFolder) in entries)
        {
            names[name] = isFolder;
        }
        return names;
    }
}
