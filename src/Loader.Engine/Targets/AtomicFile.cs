using System.Text;

namespace Loader.Targets;

/// <summary>Writes files so that a reader sees either nothing or the whole file: a temporary name, then a rename.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A temporary path beside <paramref name="path"/>, unique to this write.</summary>
    public static string TemporaryPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var unique = Guid.NewGuid().ToString("N")[..8];
        return Path.Combine(folder, $".{Path.GetFileName(path)}.tmp-{unique}");
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

    /// <summary>Moves a finished file or folder into place, replacing what was there.</summary>
    public static void MoveIntoPlace(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
        if (Directory.Exists(from))
        {
            if (Directory.Exists(to))
            {
                Directory.Delete(to, recursive: true);
            }
            Directory.Move(from, to);
            return;
        }
        File.Move(from, to, overwrite: true);
    }
}
