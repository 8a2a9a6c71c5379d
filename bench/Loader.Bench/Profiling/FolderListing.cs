using System.IO.Enumeration;

namespace Loader.Bench.Profiling;

/// <summary>Two ways to list names and kinds in folders, to compare LocalTargetStore's listing with a cheaper one.</summary>
internal static class FolderListing
{
    /// <summary>As LocalTargetStore.List does for plain outputs: a FileSystemInfo per entry, which lstat()s each one on Linux.</summary>
    public static int AsShipped(IEnumerable<string> folders)
    {
        var count = 0;
        foreach (var folder in folders)
        {
            var names = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                names[entry.Name] = entry is DirectoryInfo;
            }
            count += names.Count;
        }
        return count;
    }

    /// <summary>The name and the directory bit straight from the directory entry (d_type): no stat, no object per entry.</summary>
    public static int Proposed(IEnumerable<string> folders)
    {
        var count = 0;
        foreach (var folder in folders)
        {
            var names = new Dictionary<string, bool>(StringComparer.Ordinal);
            var entries = new FileSystemEnumerable<(string Name, bool IsFolder)>(
                folder, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory));
            foreach (var (name, isFolder) in entries)
            {
                names[name] = isFolder;
            }
            count += names.Count;
        }
        return count;
    }
}
