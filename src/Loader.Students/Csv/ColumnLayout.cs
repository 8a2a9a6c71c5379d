namespace Loader.Students.Csv;

/// <summary>Where each <see cref="StudentColumn"/> sits in a file, found by header name so any column order works.</summary>
internal sealed class ColumnLayout
{
    private static readonly StudentColumn[] Required = Enum.GetValues<StudentColumn>();

    private readonly int[] _indexes;

    private ColumnLayout(int[] indexes, int headerCount)
    {
        _indexes = indexes;
        HeaderCount = headerCount;
    }

    /// <summary>How many fields the header has: every row must have as many.</summary>
    public int HeaderCount { get; }

    /// <summary>The field index of <paramref name="column"/>.</summary>
    public int this[StudentColumn column] => _indexes[(int)column];

    /// <summary>Every column name the load needs, in the reference's order.</summary>
    public static IEnumerable<string> RequiredNames => Required.Select(c => c.ToString());

    /// <summary>
    /// Matches the header's names (exactly, then ignoring case and surrounding spaces); throws
    /// <see cref="StudentFileException"/> naming the missing columns and the ones found.
    /// </summary>
    public static ColumnLayout From(IReadOnlyList<string> header, string file)
    {
        var indexes = new int[Required.Length];
        var missing = new List<string>();
        foreach (var column in Required)
        {
            var name = column.ToString();
            var at = IndexOf(header, name, StringComparison.Ordinal);
            if (at < 0)
            {
                at = IndexOf(header, name, StringComparison.OrdinalIgnoreCase);
            }
            if (at < 0)
            {
                missing.Add(name);
            }
            indexes[(int)column] = at;
        }
        if (missing.Count > 0)
        {
            throw new StudentFileException(
                $"{file} lacks the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; "
                + $"its header has {header.Count} column{(header.Count == 1 ? "" : "s")}: {Shown(string.Join(", ", header))}. "
                + "Check the file's delimiter and encoding settings (students.delimiter, students.encoding).");
        }
        return new ColumnLayout(indexes, header.Count);
    }

    // A binary file's "header" is long and full of control characters: show a readable start of it.
    private static string Shown(string header)
    {
        const int Longest = 2000;
        var printable = new string(header.Take(Longest).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return header.Length > Longest ? printable + "..." : printable;
    }

    private static int IndexOf(IReadOnlyList<string> header, string name, StringComparison comparison)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, comparison))
            {
                return i;
            }
        }
        return -1;
    }
}
