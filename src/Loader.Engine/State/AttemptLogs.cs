namespace Loader.State;

/// <summary>
/// Removes the log files of pruned attempts, and counts them: each attempt's log (<c>.loader/logs/RUN/KEY.N.log</c>), the
/// script beside it that a killed long shell line may have left (<c>KEY.N.sh</c>), and the run's log folder once empty.
/// A file already gone counts for nothing; a dry run only counts.
/// </summary>
internal sealed class AttemptLogs
{
    /// <summary>How many files were (or would be) removed.</summary>
    public long Files { get; private set; }

    /// <summary>How many bytes those files held.</summary>
    public long Bytes { get; private set; }

    /// <summary>Removes (or with <paramref name="dryRun"/> counts) the files of the attempts whose logs are <paramref name="logPaths"/>.</summary>
    public void Remove(IEnumerable<string> logPaths, bool dryRun)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var log in logPaths)
        {
            foreach (var file in new[] { log, Path.ChangeExtension(log, ".sh") }.Select(path => new FileInfo(path)).Where(f => f.Exists))
            {
                Files++;
                Bytes += file.Length;
                if (!dryRun)
                {
                    file.Delete();
                    folders.Add(file.DirectoryName!);
                }
            }
        }
        foreach (var folder in folders.Where(f => Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()))
        {
            Directory.Delete(folder);
        }
    }
}
