using System.Globalization;
using System.Runtime.InteropServices;

namespace Loader.Cli.Hosting;

/// <summary>
/// After a hang-up (a closed terminal, a dropped SSH session) every write to the terminal fails with an I/O error: each
/// descriptor of this process open on a terminal (standard input, output and error, and the copies .NET's console made of
/// them) is pointed at <c>/dev/null</c> instead, so the run can still stop its steps and record itself as cancelled.
/// Output redirected to a file or pipe is left as it is.
/// </summary>
internal static class HungUpTerminal
{
    private const int ReadWrite = 2;

    public static void Detach()
    {
        var terminals = Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Where(IsTerminal)
            .Select(entry => int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture))
            .ToList();
        if (terminals.Count == 0)
        {
            return;
        }
        var nothing = Open("/dev/null", ReadWrite);
        if (nothing < 0)
        {
            return;
        }
        foreach (var descriptor in terminals)
        {
            _ = Duplicate(nothing, descriptor);
        }
        _ = Close(nothing);
    }

    /// <summary>Whether the descriptor is a terminal; read from <c>/proc</c>, as a hung-up terminal no longer answers terminal requests.</summary>
    private static bool IsTerminal(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget is { } target
                && (target.StartsWith("/dev/pts/", StringComparison.Ordinal) || target.StartsWith("/dev/tty", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            // A descriptor closed meanwhile.
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "dup2")]
    private static extern int Duplicate(int from, int to);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);
}
