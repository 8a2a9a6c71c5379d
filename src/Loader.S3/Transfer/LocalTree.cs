namespace Loader.S3.Transfer;

/// <summary>Local files and folders as the S3 steps move them.</summary>
internal static class LocalTree
{
    /// <summary>Copies every file under <paramref name="from"/> into <paramref name="to"/>, keeping relative paths.</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>The local path of <paramref name="relativeKey"/> under <paramref name="folder"/>; null for a key that would climb out of it.</summary>
    public static string? PathUnder(string folder, string relativeKey)
    {
        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, relativeKey.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    /// <summary>The total size of the files under <paramref name="folder"/>.</summary>
    public static long Size(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}
