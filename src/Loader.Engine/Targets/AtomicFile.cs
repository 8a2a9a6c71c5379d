using System.Text;

namespace Loader.Targets;

/// <summary>Writes files so that a reader sees either nothing or the whole file: a temporary name, then a rename.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>A temporary path beside <paramref name="path"/>, unique to this write.</summary>
    public static string TemporaryPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var unique = Guid.NewGuid().ToString("N")[..8];
        return Path.Combine(folder, $".{Path.GetFileName(path)}.tmp-{unique}");
    }

    /// <summary>
    /// The name whose temporary <paramref name="fileName"/> is (<c>.NAME.tmp-XXXXXXXX</c> gives <c>NAME</c>), or null when it
    /// is not one: what an attempt that died left beside its output.
    /// </summary>
    public static string? TemporaryOwner(string fileName)
    {
        var at = fileName.LastIndexOf(".tmp-", StringComparison.Ordinal);
        return fileName.StartsWith('.') && at > 1 && fileName.Length == at + ".tmp-".Length + 8
            && !fileName.AsSpan(at + ".tmp-".Length).ContainsAnyExcept(HexDigits)
            ? fileName[1..at]
            : null;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, creating its folder.</summary>
    public static async Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = TemporaryPathFor(path);
        try
        {
            await File.WriteAllTextAsync(temporary, content, Utf8, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes a small <paramref name="content"/> to <paramref name="path"/> atomically; its folder must exist.</summary>
    public static void WriteAllText(string path, string content)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            File.WriteAllText(temporary, content, Utf8);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Moves a finished file or folder into place, replacing what was there in one step, so that a reader, or a process
    /// killed at any moment, finds the whole old output or the whole new one. Where the file system cannot swap two
    /// folders in one step, the old one is renamed aside first and deleted once the new one is in place.
    /// </summary>
    public static void MoveIntoPlace(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
        if (!Directory.Exists(from))
        {
            File.Move(from, to, overwrite: true);
            return;
        }
        if (!Directory.Exists(to) && !File.Exists(to))
        {
            Directory.Move(from, to);
            return;
        }
        if (FolderExchange.TryExchange(from, to))
        {
            // The staging name now holds the old output.
            Delete(from);
            return;
        }
        var aside = TemporaryPathFor(to);
        if (Directory.Exists(to))
        {
            Directory.Move(to, aside);
        }
        else
        {
            File.Move(to, aside);
        }
        Directory.Move(from, to);
        Delete(aside);
    }

    /// <summary>Deletes a file or a whole folder.</summary>
    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }
}
