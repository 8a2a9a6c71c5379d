using System.Text.RegularExpressions;

namespace Loader.Cli.Hosting;

/// <summary>
/// Words a command-line parse error in the user's terms: System.CommandLine names the .NET type it could not convert
/// to (<c>System.Int64</c>, <c>Loader.Cli.Hosting.OutputFormat</c>), which says nothing to someone typing a command.
/// </summary>
internal static partial class ParseErrors
{
    /// <summary>The message for <paramref name="message"/>: a conversion error reworded, any other as it is.</summary>
    public static string Describe(string message)
    {
        var match = Conversion().Match(message);
        if (!match.Success)
        {
            return message;
        }
        var value = match.Groups["value"].Value;
        var name = match.Groups["name"].Value;
        var type = match.Groups["type"].Value;
        var choices = match.Groups["rest"].Value
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(c => c.ToLowerInvariant())
            .ToList();
        var expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal)
            ? "a whole number"
            : choices.Count > 0 ? $"one of {string.Join(", ", choices)}" : "another value";
        return match.Groups["kind"].Value == "option"
            ? $"{name} takes {expected}, not '{value}'"
            : $"'loader {name}' takes {expected} here, not '{value}'";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?<kind>command|option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.(?<rest>.*)$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Conversion();
}
