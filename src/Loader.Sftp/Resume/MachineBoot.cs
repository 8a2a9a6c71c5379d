namespace Loader.Sftp.Resume;

/// <summary>
/// Which boot of this machine the process runs in: Linux's <c>/proc/sys/kernel/random/boot_id</c>. Bytes written to a
/// file stay readable after the writing process is killed, flushed to disk or not, until the machine restarts: the
/// kernel's page cache holds them.
/// </summary>
internal static class MachineBoot
{
    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    /// <summary>This boot's id, or null where the system does not tell (then only flushed bytes are ever trusted).</summary>
    public static string? Id { get; } = Read();

    private static string? Read()
    {
        try
        {
            return File.ReadAllText(BootIdPath).Trim() is { Length: > 0 } id ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
