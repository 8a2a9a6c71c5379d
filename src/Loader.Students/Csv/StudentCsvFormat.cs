namespace Loader.Students.Csv;

/// <summary>The encodings and delimiters a student file may use; the step and the command line check them the same way.</summary>
public static class StudentCsvFormat
{
    /// <summary>The encoding names accepted, as the command line lists them.</summary>
    public static IReadOnlyList<string> Encodings { get; } = ["latin1", "cp1252", "ascii", "utf-8"];

    /// <summary>Whether <paramref name="name"/> names a supported encoding (aliases such as iso-8859-1 included).</summary>
    public static bool IsEncoding(string name)
    {
        try
        {
            StudentFileEncoding.Resolve(name);
            return true;
        }
        catch (StudentFileException)
        {
            return false;
        }
    }

    /// <summary>Reads a delimiter: one ASCII character other than a double quote or a line break, or <c>tab</c> / <c>\t</c>.</summary>
    /// <exception cref="ArgumentException">The text is no such delimiter.</exception>
    public static char ParseDelimiter(string text) => text switch
    {
        "\\t" or "tab" or "\t" => '\t',
        { Length: 1 } when char.IsAscii(text[0]) && text[0] is not ('"' or '\r' or '\n') => text[0],
        _ => throw new ArgumentException($"delimiter '{text}' must be one ASCII character other than a double quote or a line break (such as ^, | or tab)"),
    };
}
