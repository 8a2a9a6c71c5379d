using System.Text.RegularExpressions;

namespace Loader.Planning;

/// <summary>
/// One <c>--force</c> or <c>--force-downstream</c> argument: a family (<c>Extract</c>) or some of its instances, written as
/// their identity prints them (<c>Extract(date=2026-01-02)</c>). A <c>date</c>, <c>hour</c> or interval parameter also takes
/// any interval form (<c>date=2026-01-02-2026-01-05</c>, end excluded; <c>date=2026-W01</c>; <c>hour=2026-01-02T00-2026-01-02T06</c>;
/// <c>hour=2026-01-02</c>, its 24 hours), matching every day or hour in it.
/// </summary>
/// <param name="Text">The argument as given, trimmed.</param>
/// <param name="Family">The family it names.</param>
/// <param name="Parameters">The identity parameters it fixes, in the order given; none for the whole family.</param>
/// <param name="Downstream">Whether everything in the run that requires a forced instance reruns too.</param>
public sealed partial record ForceSpec(string Text, string Family, IReadOnlyList<KeyValuePair<string, string>> Parameters, bool Downstream)
{
    /// <summary>The option that gives this spec on the command line.</summary>
    public string Option => Downstream ? "--force-downstream" : "--force";

    /// <summary>The option and the spec as a user would type them: <c>--force 'Extract(date=2026-01-02)'</c>.</summary>
    public string Display => $"{Option} {(Text.Contains('(', StringComparison.Ordinal) ? $"'{Text}'" : Text)}";

    /// <summary>Parses <paramref name="text"/>; a malformed spec throws <see cref="FormatException"/> saying how to write it.</summary>
    public static ForceSpec Parse(string text, bool downstream = false)
    {
        var option = downstream ? "--force-downstream" : "--force";
        var howTo = "write a family (Extract) or an instance as the plan prints it (Extract(date=2026-01-02)); "
            + "a date or an hour also takes an interval such as 2026-01-02-2026-01-05 or 2026-01-02T00-2026-01-02T06 (end excluded)";
        var match = Form().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"{option} '{text}': {howTo}");
        }
        var parameters = new List<KeyValuePair<string, string>>();
        var inside = match.Groups["parameters"];
        if (inside.Success && inside.Value.Trim().Length > 0)
        {
            foreach (var pair in Separator().Split(inside.Value))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? "" : pair[..equals].Trim();
                if (!Name().IsMatch(name))
                {
                    throw new FormatException($"{option} '{text}': '{pair.Trim()}' is not name=value; {howTo}");
                }
                if (parameters.Any(p => p.Key == name))
                {
                    throw new FormatException($"{option} '{text}': {name} is given twice");
                }
                parameters.Add(new(name, pair[(equals + 1)..].Trim()));
            }
        }
        return new ForceSpec(text.Trim(), match.Groups["family"].Value, parameters, downstream);
    }

    /// <summary>The specs of every <c>--force</c> in <paramref name="forced"/> and <c>--force-downstream</c> in <paramref name="downstream"/>.</summary>
    public static IReadOnlyList<ForceSpec> ParseAll(IEnumerable<string> forced, IEnumerable<string> downstream) =>
        [.. forced.Select(f => Parse(f)), .. downstream.Select(f => Parse(f, downstream: true))];

    /// <summary>The spec as it is passed on to another <c>loader</c>: its option, then its text.</summary>
    public IEnumerable<string> Arguments() => [Option, Text];

    [GeneratedRegex(@"^\s*(?<family>[A-Za-z_][A-Za-z0-9_-]*)\s*(?:\((?<parameters>.*)\))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();

    // A comma starts the next parameter only when a name and '=' follow it: a list value prints as a,b,c.
    [GeneratedRegex(@",\s*(?=[A-Za-z_][A-Za-z0-9_-]*\s*=)", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
