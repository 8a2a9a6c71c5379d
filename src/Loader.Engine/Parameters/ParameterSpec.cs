using Loader.Workflows;

namespace Loader.Parameters;

/// <summary>A declared workflow parameter: its type, default and how it counts for task identity.</summary>
/// <param name="Name">The parameter name, as written after <c>--</c> on the command line.</param>
/// <param name="Kind">The parameter's type.</param>
/// <param name="Description">Help text.</param>
/// <param name="Default">The default text (may hold <c>${...}</c> expressions), or null when required.</param>
/// <param name="Significant">Whether the value changes a task's identity.</param>
/// <param name="Secret">Whether the value is masked wherever it could be shown.</param>
/// <param name="Choices">The allowed values of an enum parameter.</param>
/// <param name="Span">Where the parameter is declared.</param>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    string? Description,
    string? Default,
    bool Significant,
    bool Secret,
    IReadOnlyList<string> Choices,
    SourceSpan Span)
{
    /// <summary>
    /// Whether the parameter may have no value: its default is empty (<c>default: ""</c>). Its expressions then render
    /// as empty text, which steps read as "not given", so "no limit" is never confused with a limit of 0.
    /// </summary>
    public bool Optional => Default is { Length: 0 };

    /// <summary>The smallest value an int or float parameter takes, when bounded.</summary>
    public double? Min { get; init; }

    /// <summary>The largest value an int or float parameter takes, when bounded.</summary>
    public double? Max { get; init; }

    /// <summary>A regular expression a string parameter's whole value must match, when given.</summary>
    public string? Pattern { get; init; }
}
