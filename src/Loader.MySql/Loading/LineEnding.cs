namespace Loader.MySql.Loading;

/// <summary>Tells whether a file's lines end with <c>\r\n</c> (Windows) or <c>\n</c>, from its first line.</summary>
internal static class LineEnding
{
    /// <summary><c>\r\n</c> when the first line of <paramref name="path"/> ends so, else <c>\n</c>.</summary>
    public static string Of(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var read = file.Read(buffer, 0, buffer.Length);
        var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        return newline > 0 && buffer[newline - 1] == '\r' ? "\r\n" : "\n";
    }
}
