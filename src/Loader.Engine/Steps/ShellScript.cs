using System.Text;

namespace Loader.Steps;

/// <summary>
/// A shell line too long to travel in the environment (Linux refuses one argument or variable over 128 KiB with
/// "Argument list too long"), written to a file beside the attempt's log that only its owner can read, as it may hold a
/// rendered secret. The shell reads the file and removes it before it runs the line; disposing removes it in any case.
/// </summary>
internal sealed class ShellScript : IDisposable
{
    /// <summary>
    /// The longest line, in UTF-8 bytes, passed in the environment: well below the kernel's limit for one variable,
    /// leaving room for the rest of the environment and the arguments within the limit for all of them together.
    /// </summary>
    public const int EnvironmentLimit = 32 * 1024;

    /// <summary>
    /// The shell's program: read the file named by <c>$1</c>, remove it, forget the positional parameters and run the
    /// line as the environment route does, so the step's processes see neither the file nor the line.
    /// </summary>
    public const string Reader = "loader_line=$(/bin/cat -- \"$1\") || exit 126; rm -f -- \"$1\"; set --; eval \"unset loader_line; $loader_line\"";

    private ShellScript(string path) => Path = path;

    /// <summary>Where the line is written, as a full path: the step may run in another folder.</summary>
    public string Path { get; }

    /// <summary>Whether <paramref name="line"/> is too long for the environment.</summary>
    public static bool IsNeededFor(string line) => Encoding.UTF8.GetByteCount(line) > EnvironmentLimit;

    /// <summary>Writes <paramref name="line"/> to <paramref name="path"/>, readable and writable by its owner only (mode 600).</summary>
    public static ShellScript Write(string path, string line)
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        // A file left by an earlier attempt keeps its mode when opened again: start from a new one.
        File.Delete(path);
        using (var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(line);
        }
        return new ShellScript(path);
    }

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
