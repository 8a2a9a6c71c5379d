using System.Text.RegularExpressions;

namespace Loader.Shipped.Tests.Support;

/// <summary>The <c>loader</c> command lines a document shows in its <c>sh</c> and <c>cron</c> blocks, in order, as written.</summary>
public static partial class DocumentedCommands
{
    /// <summary>
    /// The command lines of <paramref name="document"/> (a file copied beside the tests), each as its arguments after
    /// <c>loader</c>, with trailing comments removed. Lines that start a server (<c>loader studio</c>, <c>loader serve</c>) are
    /// left out: they run until stopped (tests/Loader.Cli.Tests/Service starts and stops the service).
    /// </summary>
    public static IReadOnlyList<string[]> In(string document)
    {
        var commands = new List<string[]>();
        var inBlock = false;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Documents", document)))
        {
            var text = line.Trim();
            if (text.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && text[3..] is "sh" or "cron";
                continue;
            }
            if (inBlock && Command().Match(text) is { Success: true } match && !StartsServer(match.Groups["args"].Value))
            {
                commands.Add(Words(match.Groups["args"].Value));
            }
        }
        return commands;
    }

    /// <summary>The words of a shell line as the shell hands them over: quotes kept together and removed, a comment dropped.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return [.. words];
    }

    private static bool StartsServer(string arguments) =>
        arguments.StartsWith("studio", StringComparison.Ordinal) || arguments.StartsWith("serve", StringComparison.Ordinal);

    // "loader ARGS" or "dotnet run [-v LEVEL] --project src/Loader.Cli -- ARGS" at the start of a line or after "&&" (a
    // cron line); not the shell function that defines loader.
    [GeneratedRegex(@"(?:^|&&\s*)(?:loader|dotnet run (?:-v \w+ )?--project src/Loader\.Cli --) (?<args>[^(].*)$")]
    private static partial Regex Command();
}
