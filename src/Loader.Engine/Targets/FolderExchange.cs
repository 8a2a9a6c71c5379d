using System.Runtime.InteropServices;

namespace Loader.Targets;

/// <summary>
/// Swaps two folders in one step (Linux <c>renameat2</c> with <c>RENAME_EXCHANGE</c>), so that a reader of the path
/// sees the whole old folder or the whole new one, never neither, whenever the process dies.
/// </summary>
internal static class FolderExchange
{
    private const int CurrentFolder = -100;
    private const uint RenameExchange = 2;

    /// <summary>
    /// Exchanges <paramref name="first"/> and <paramref name="second"/>; false when this system or file system cannot
    /// (not Linux, or a file system without the exchange), and the caller must fall back to two renames.
    /// </summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        if (renameat2(CurrentFolder, first, CurrentFolder, second, RenameExchange) == 0)
        {
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        // EINVAL: the file system has no exchange; ENOSYS: the kernel has no renameat2.
        if (error is 22 or 38)
        {
            return false;
        }
        throw new IOException($"cannot swap {second} with {first}: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(
        int fromFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string from, int toFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string to, uint flags);
}
