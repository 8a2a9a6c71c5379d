using System.Globalization;

namespace Loader.State.Sqlite;

/// <summary>Which other processes of this machine have a file open, read from <c>/proc</c>, to say who holds a lock.</summary>
internal static class OpenHandles
{
    /// <summary>"pid 4242 (sqlite3), ..." for the processes with <paramref name="paths"/> open, or null when none can be seen.</summary>
    public static string? Describe(IReadOnlyList<string> paths)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var holders = new List<string>();
        foreach (var process in SafeList(() => Directory.EnumerateDirectories("/proc")))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            if (SafeList(() => Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd"))).Any(fd => paths.Contains(Target(fd))))
            {
                holders.Add($"pid {pid} ({Name(process)})");
            }
        }
        return holders.Count == 0 ? null : string.Join(", ", holders);
    }

    private static string? Target(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Name(string process)
    {
        try
        {
            return File.ReadAllText(Path.Combine(process, "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    // Processes come and go, and other users' are not readable: what cannot be listed is left out.
    private static List<string> SafeList(Func<IEnumerable<string>> list)
    {
        try
        {
            return list().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
