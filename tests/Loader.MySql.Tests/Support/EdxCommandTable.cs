using System.Text.RegularExpressions;

namespace Loader.MySql.Tests.Support;

/// <summary>The table of docs/mysql.md that maps each edX command to the <c>loader</c> command doing the same with the shipped examples.</summary>
internal static partial class EdxCommandTable
{
    private const string Heading = "## The edX commands with the shipped examples";

    /// <summary>Every <c>loader run</c> command of the table's second column, as written there.</summary>
    public static List<string> LoaderRunCommands()
    {
        var lines = File.ReadAllLines(Path.Combine(ExampleSite.RepositoryRoot(), "docs", "mysql.md"));
        var start = Array.IndexOf(lines, Heading);
        Assert.True(start >= 0, $"docs/mysql.md has no section '{Heading}'");
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 2)
            .Select(cells => LoaderRun().Match(cells[2]))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    [GeneratedRegex("^`(loader run [^`]+)`$")]
    private static partial Regex LoaderRun();
}
