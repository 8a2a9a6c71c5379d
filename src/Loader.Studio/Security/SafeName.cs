namespace Loader.Studio.Security;

/// <summary>Route values that name a workflow, a task or a file: refused when they could climb out of a folder.</summary>
internal static class SafeName
{
    /// <summary>Whether <paramref name="value"/> is a plain name: no path separator, no <c>..</c>, no control character.</summary>
    public static bool IsSafe(string? value) =>
        value is { Length: > 0 and <= 200 }
        && !value.Contains("..", StringComparison.Ordinal)
        && value.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !value.Any(char.IsControl);

    /// <summary>Whether <paramref name="path"/>, made absolute, lies inside <paramref name="folder"/>.</summary>
    public static bool IsInside(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }
}
