namespace Loader.Workflows;

/// <summary>
/// Finds the workflow files (<c>*.yml</c>, <c>*.yaml</c>) under a folder, recursively and in name order, skipping what
/// is not a workflow someone wrote: hidden files and folders (editor lock and swap files such as <c>.#w.yml</c> and
/// <c>.w.yml.swp</c>), editor backups (<c>w.yml~</c>, <c>#w.yml#</c>), dangling symlinks, symlink loops, FIFOs and
/// other files that are not regular. Each skip that looks like a workflow file is noted, for <c>--verbose</c>.
/// </summary>
internal sealed class WorkflowFileScan
{
    private const int MaxDepth = 32;

    private readonly List<string> _files = [];
    private readonly List<string> _skipped = [];
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    private WorkflowFileScan()
    {
    }

    /// <summary>Scans <paramref name="folder"/>: the workflow files found and a note on each file skipped.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Skipped) Scan(string folder)
    {
        var scan = new WorkflowFileScan();
        scan.Visit(folder, Path.GetFullPath(folder), 0);
        return (scan._files, scan._skipped);
    }

    private void Visit(string folder, string realFolder, int depth)
    {
        if (!_visited.Add(realFolder))
        {
            Skip(folder, "a symlink loop: this folder was already scanned");
            return;
        }
        if (depth > MaxDepth)
        {
            Skip(folder, $"nested more than {MaxDepth} folders deep");
            return;
        }
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Skip(folder, $"cannot be listed: {e.Message}");
            return;
        }
        foreach (var entry in entries)
        {
            VisitEntry(entry, depth);
        }
    }

    private void VisitEntry(string path, int depth)
    {
        var name = Path.GetFileName(path);
        var looksLikeWorkflow = name.Contains(".yml", StringComparison.Ordinal) || name.Contains(".yaml", StringComparison.Ordinal);
        if (name.StartsWith('.'))
        {
            SkipIf(looksLikeWorkflow, path, "a hidden file, such as an editor's lock or swap file");
            return;
        }
        if (name.EndsWith('~') || (name.StartsWith('#') && name.EndsWith('#')))
        {
            SkipIf(looksLikeWorkflow, path, "an editor's backup or autosave file");
            return;
        }
        var info = new FileInfo(path);
        var real = path;
        if (info.LinkTarget is { } target)
        {
            try
            {
                real = info.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            }
            catch (IOException)
            {
                SkipIf(true, path, "a symlink loop");
                return;
            }
            if (!File.Exists(real) && !Directory.Exists(real))
            {
                SkipIf(looksLikeWorkflow, path, $"a dangling symlink: {target} does not exist");
                return;
            }
        }
        if (Directory.Exists(real))
        {
            Visit(path, Path.GetFullPath(real), depth + 1);
            return;
        }
        if (!looksLikeWorkflow || !(name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            return;
        }
        if (!FileKind.IsRegularFile(path))
        {
            SkipIf(true, path, "not a regular file (a FIFO, socket or device)");
            return;
        }
        _files.Add(path);
    }

    private void SkipIf(bool noted, string path, string why)
    {
        if (noted)
        {
            Skip(path, why);
        }
    }

    private void Skip(string path, string why) => _skipped.Add($"{Path.GetRelativePath(Environment.CurrentDirectory, path)}: {why}");
}
