using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace Loader.Targets;

/// <summary>Targets on this machine's disk. Existence is answered with one listing per folder.</summary>
public sealed class LocalTargetStore : ITargetStore
{
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Scheme => "file";

    /// <inheritdoc />
    public Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken)
    {
        // A new plan may follow folders being deleted: forget which ones were created.
        _folders.Clear();
        var existing = new HashSet<Target>();
        foreach (var group in targets.GroupBy(t => (Folder: ListingFolder(t), Flags: t.Kind == TargetKind.Flag)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var present = List(group.Key.Folder, group.Key.Flags);
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

    /// <inheritdoc />
    public Task RemoveAsync(Target target, CancellationToken cancellationToken)
    {
        var path = LocalPath(target);
        if (Directory.Exists(path))
        {
            if (target.Kind == TargetKind.Flag)
            {
                File.Delete(Path.Combine(path, Target.SuccessFlag));
            }
            Directory.Delete(path, recursive: true);
            Forget(path);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    /// <summary>Forgets that <paramref name="folder"/> and the folders under it were created: they are gone.</summary>
    private void Forget(string folder)
    {
        var under = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        foreach (var known in _folders.Keys.Where(k => k == Path.TrimEndingDirectorySeparator(folder) || k.StartsWith(under, StringComparison.Ordinal)))
        {
            _folders.TryRemove(known, out _);
        }
    }

    /// <inheritdoc />
    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken)
    {
        var path = LocalPath(target);
        EnsureFolder(Path.GetDirectoryName(path)!);
        switch (target.Kind)
        {
            case TargetKind.Marker:
                // The runner writes markers itself, at commit.
                return Task.FromResult(path);
            case TargetKind.Flag:
                // The step writes in place, into an empty folder: nothing of an earlier attempt may be committed with this one.
                if (Directory.Exists(path))
                {
                    File.Delete(Path.Combine(path, Target.SuccessFlag));
                    Directory.Delete(path, recursive: true);
                }
                Directory.CreateDirectory(path);
                return Task.FromResult(path);
            case TargetKind.Folder:
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
                await AtomicFile.WriteAllTextAsync(Path.Combine(path, Target.SuccessFlag), "", cancellationToken);
                break;
            case TargetKind.Marker:
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
            if (Directory.Exists(writtenAt))
            {
                Directory.Delete(writtenAt, recursive: true);
            }
            else
            {
                File.Delete(writtenAt);
            }
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
        // Names and kinds straight from the directory entries: no stat call per file.
        var entries = new FileSystemEnumerable<(string Name, bool IsFolder)>(
            folder, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory));
        foreach (var (name, isFolder) in entries)
        {
            names[name] = isFolder;
        }
        return names;
    }
}
