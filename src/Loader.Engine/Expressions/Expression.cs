using System.Text.RegularExpressions;
using Loader.Workflows;

namespace Loader.Expressions;

/// <summary>
/// One <c>${path:format}</c> expression: a dotted path (<c>date</c>, <c>config.data_dir</c>,
/// <c>tasks.Extract.outputs.data</c>) and an optional .NET format such as <c>yyyyMMdd</c>.
/// </summary>
public sealed partial record Expression(IReadOnlyList<string> Path, string? Format, SourceSpan Span)
{
    /// <summary>The first segment of the path: what the expression names.</summary>
    public string Root => Path[0];

    /// <summary>Parses the text between <c>${</c> and <c>}</c>.</summary>
    public static Expression Parse(string body, SourceSpan span)
    {
        var colon = body.IndexOf(':');
        var path = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        if (!PathForm().IsMatch(path))
        {
            throw new WorkflowException(span, $"invalid expression '${{{body}}}': expected a name such as ${{date}} or ${{config.data_dir}}");
        }
        if (format is not null && StandardFormat().Match(format) is { Success: true } standard
            && (standard.Groups[1].Length > 3 || int.Parse(standard.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > MaxPrecision))
        {
            throw new WorkflowException(span,
                $"format '{format}' of '${{{path}}}' asks for {standard.Groups[1].Value} digits: at most {MaxPrecision} are allowed, as in ${{{path}:D8}}");
        }
        if (format is { Length: > MaxFormatLength })
        {
            throw new WorkflowException(span, $"format of '${{{path}:...}}' is {format.Length} characters long: at most {MaxFormatLength} are allowed");
        }
        return new Expression(path.Split('.'), string.IsNullOrEmpty(format) ? null : format, span);
    }

    /// <summary>The largest width or precision a format may ask for (<c>D8</c>, <c>F2</c>): larger ones would render huge texts.</summary>
    public const int MaxPrecision = 100;

    /// <summary>The longest format text.</summary>
    public const int MaxFormatLength = 100;

    /// <inheritdoc />
    public override string ToString() => "${" + string.Join('.', Path) + (Format is null ? "" : ":" + Format) + "}";

    /// <summary>A standard .NET format: one letter and a width or precision, such as <c>D8</c> or <c>F2</c>.</summary>
    [GeneratedRegex(@"^\s*[A-Za-z]\s*([0-9]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardFormat();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z_][A-Za-z0-9_\-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathForm();
}
