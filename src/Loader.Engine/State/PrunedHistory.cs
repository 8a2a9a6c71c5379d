using System.Globalization;

namespace Loader.State;

/// <summary>What pruning the history removed (in a dry run: would remove) and what stays.</summary>
/// <param name="RunsRemoved">Runs removed with all their attempts.</param>
/// <param name="AttemptsRemoved">Attempts removed, those of removed runs included.</param>
/// <param name="FiresRemoved">Schedule fires removed.</param>
/// <param name="RunsKept">Runs that stay.</param>
/// <param name="AttemptsKept">Attempts that stay.</param>
/// <param name="FiresKept">Schedule fires that stay.</param>
/// <param name="BytesFreed">What compacting the store gave back to the disk, when it was compacted.</param>
public sealed record PrunedHistory(
    long RunsRemoved,
    long AttemptsRemoved,
    long FiresRemoved,
    long RunsKept,
    long AttemptsKept,
    long FiresKept,
    long? BytesFreed = null)
{
    /// <summary>Log files of the removed attempts that were (or would be) removed.</summary>
    public long LogFilesRemoved { get; init; }

    /// <summary>The bytes those log files held.</summary>
    public long LogBytesRemoved { get; init; }

    /// <summary>Whether anything was (or would be) removed.</summary>
    public bool RemovedAny => RunsRemoved + AttemptsRemoved + FiresRemoved > 0;

    /// <summary>One line for people: what went (or in a dry run would go) of what ended before <paramref name="before"/>, and what stays.</summary>
    public string Describe(DateTimeOffset before, bool dryRun) => string.Create(CultureInfo.InvariantCulture,
        $"{(dryRun ? "would remove" : "removed")} {RunsRemoved:N0} run(s), {AttemptsRemoved:N0} attempt(s) and {FiresRemoved:N0} schedule fire(s) "
        + $"that ended before {before.UtcDateTime:yyyy-MM-dd HH:mm} UTC, with their {LogFilesRemoved:N0} log file(s) ({Size(LogBytesRemoved)}); {(dryRun ? "would keep" : "kept")} {RunsKept:N0} run(s), {AttemptsKept:N0} attempt(s) "
        + $"and {FiresKept:N0} fire(s){(BytesFreed is { } bytes ? $"; the state file was compacted, {bytes / 1_048_576.0:0.0} MB freed" : "")}");

    private static string Size(long bytes) => bytes < 1_048_576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:0.0} MB");
}
