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
        return new Expression(path.Split('.'), string.IsNullOrEmpty(format) ? null : format, span);
    }

    /// <inheritdoc />
    public override string ToString() => "${" + string.Join('.', Path) + (Format is null ? "" : ":" + Format) + "}";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z_][A-Za-z0-9_\-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathForm();
}
