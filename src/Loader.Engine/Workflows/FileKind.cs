using System.Runtime.InteropServices;

namespace Loader.Workflows;

/// <summary>
/// Whether a path is a regular file. .NET reports a FIFO or a device as a file, and reading a FIFO waits for a writer
/// forever, so on Linux the file type is asked of the kernel (<c>statx</c>, whose layout is the same on every architecture).
/// </summary>
public static partial class FileKind
{
    private const int CurrentFolder = -100;
    private const uint TypeOnly = 0x1;
    private const int ModeOffset = 28;
    private const int TypeBits = 0xF000;
    private const int RegularType = 0x8000;

    /// <summary>True when <paramref name="path"/> (links followed) is a regular file; true as well where the type cannot be asked.</summary>
    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path);
        }
        var status = new byte[256];
        try
        {
            if (Statx(CurrentFolder, path, 0, TypeOnly, status) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return File.Exists(path);
        }
        return (BitConverter.ToUInt16(status, ModeOffset) & TypeBits) == RegularType;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int folder, string path, int flags, uint mask, [Out] byte[] status);
}
