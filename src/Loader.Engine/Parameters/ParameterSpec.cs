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
    SourceSpan Span);
