using System.Text;
using Loader.Workflows;

namespace Loader.Expressions;

/// <summary>
/// Text with <c>${...}</c> expressions, parsed once and rendered per task instance.
/// <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<object> _parts;

    private Template(string text, IReadOnlyList<object> parts, SourceSpan span)
    {
        Text = text;
        _parts = parts;
        Span = span;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Where the template is written.</summary>
    public SourceSpan Span { get; }

    /// <summary>The expressions the template holds.</summary>
    public IEnumerable<Expression> Expressions => _parts.OfType<Expression>();

    /// <summary>
    /// The template with every expression written by <paramref name="write"/> (by default one way,
    /// <c>${a.b:format}</c> without spaces), so that two templates written differently but rendering alike compare equal.
    /// </summary>
    public string Normalized(Func<Expression, string>? write = null) =>
        string.Concat(_parts.Select(p => p as string ?? (write ?? (e => e.ToString()))((Expression)p)));

    /// <summary>Whether the template is plain text.</summary>
    public bool IsLiteral => _parts.All(p => p is string);

    /// <summary>Parses <paramref name="text"/>; an unclosed or empty expression throws <see cref="WorkflowException"/>.</summary>
    public static Template Parse(string text, SourceSpan span)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new WorkflowException(span, $"unclosed expression in '{text}': add the closing '}}'");
                }
                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }
                parts.Add(Expression.Parse(text[(i + 2)..close], span));
                i = close + 1;
                continue;
            }
            literal.Append(text[i]);
            i++;
        }
        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(literal.ToString());
        }
        return new Template(text, parts, span);
    }

    /// <summary>A template that is plain text.</summary>
    public static Template Literal(string text) => new(text, [text], SourceSpan.None);

    /// <summary>Renders the template against <paramref name="scope"/>.</summary>
    public string Render(IExpressionScope scope)
    {
        if (_parts.Count == 1)
        {
            return _parts[0] as string ?? scope.Resolve((Expression)_parts[0]);
        }
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part as string ?? scope.Resolve((Expression)part));
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
