using Loader.Parameters;
using Microsoft.Data.Sqlite;
using static Loader.Running.ExitCodes;

namespace Loader.State.Sqlite;

/// <summary>Turns SQLite's error codes into <see cref="StateStoreException"/>s that name the file, say what is wrong and what to do.</summary>
internal static class SqliteFailures
{
    // SQLite's primary result codes (the low byte of an extended code).
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>Whether another connection holds the lock <paramref name="e"/> waited for.</summary>
    public static bool IsBusy(SqliteException e) => (e.SqliteErrorCode & 0xff) is Busy or Locked;

    /// <summary>The store at <paramref name="path"/> stayed locked for <paramref name="waited"/>.</summary>
    public static StateStoreException LockedFor(string path, TimeSpan waited, Exception inner)
    {
        var holders = OpenHandles.Describe([path, path + "-wal", path + "-shm"]);
        return new StateStoreException(
            $"state store {path} stayed locked by another process for {Durations.Format(waited)}"
            + (holders is null ? "" : $" (it is open in {holders})")
            + ": let that process finish or stop it, then run again; state.lock_wait sets how long to wait", StateStoreLocked, inner);
    }

    /// <summary>What <paramref name="e"/> means for the store at <paramref name="path"/>.</summary>
    public static StateStoreException Explain(SqliteException e, string path) => (e.SqliteErrorCode & 0xff) switch
    {
        Corrupt or NotADatabase => new StateStoreException(
            $"state store {path} is damaged or is not a Loader state store ({e.Message.TrimEnd('.')}): move it aside (mv {path} {path}.broken) and run again to start a new one, "
            + "or restore it from a backup", StateStoreDamaged, e),
        ReadOnly or Perm => Unwritable(path, e.Message, e),
        Full => new StateStoreException(
            $"the disk holding state store {path} is full: free space there, or point state.sqlite at another disk, then run again", StateStoreDiskFull, e),
        CantOpen when !Directory.Exists(Path.GetDirectoryName(path)) || !CanWriteFolder(path) => Unwritable(path, e.Message, e),
        CantOpen or IoError => new StateStoreException(
            $"state store {path} cannot be opened or written ({e.Message.TrimEnd('.')}): check that it is a file on a working, mounted disk with free space "
            + "(dmesg shows disk errors), or point state.sqlite elsewhere", StateStoreUnusable, e),
        _ => new StateStoreException($"state store {path} failed: {e.Message}", StateStoreUnusable, e),
    };

    /// <summary>The store at <paramref name="path"/> cannot be written: <paramref name="why"/>.</summary>
    public static StateStoreException Unwritable(string path, string why, Exception inner) => new(
        $"state store {path} cannot be written ({why.TrimEnd('.')}): make the file and its folder writable by this user (SQLite writes {Path.GetFileName(path)}-wal "
        + "and -shm beside it), or point state.sqlite at a writable place", StateStoreReadOnly, inner);

    private static bool CanWriteFolder(string path)
    {
        var probe = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
