using System.Text.RegularExpressions;
using Loader.Workflows;

namespace Loader.Expressions;

/// <summary>
/// One <c>${path:format}</c> expression: a dotted path (<c>date</c>, <c>config.data_dir</c>,
/// <c>tasks.Extract.outputs.data</c>), an optional shift of a date or time (<c>${date - 7d}</c>, <c>${fire + 2h}</c>,
/// <c>${end_date - weeks w}</c>) and an optional .NET format such as <c>yyyyMMdd</c>.
/// </summary>
public sealed partial record Expression(IReadOnlyList<string> Path, string? Format, SourceSpan Span)
{
    /// <summary>How far the value is moved before it is written, if at all.</summary>
    public TimeShift? Shift { get; init; }

    /// <summary>The first segment of the path: what the expression names.</summary>
    public string Root => Path[0];

    /// <summary>What the expression reads: its root, and the parameter that counts its shift, if one does.</summary>
    public IEnumerable<string> Names => Shift?.Count is { } count ? [Root, count] : [Root];

    /// <summary>Parses the text between <c>${</c> and <c>}</c>.</summary>
    public static Expression Parse(string body, SourceSpan span)
    {
        var colon = body.IndexOf(':');
        var path = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        TimeShift? shift = null;
        if (ShiftForm().Match(path) is { Success: true } shifted)
        {
            path = shifted.Groups["path"].Value;
            shift = TimeShift.Parse(shifted.Groups["sign"].Value, shifted.Groups["amount"].Value, shifted.Groups["unit"].Value[0]);
        }
        if (!PathForm().IsMatch(path))
        {
            throw new WorkflowException(span, $"invalid expression '${{{body}}}': expected a name such as ${{date}}, ${{config.data_dir}}, ${{date - 7d}} or ${{end_date - weeks w}} (as many weeks as the int parameter weeks holds)");
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
        return new Expression(path.Split('.'), string.IsNullOrEmpty(format) ? null : format, span) { Shift = shift };
    }

    /// <summary>The largest width or precision a format may ask for (<c>D8</c>, <c>F2</c>): larger ones would render huge texts.</summary>
    public const int MaxPrecision = 100;

    /// <summary>The longest format text.</summary>
    public const int MaxFormatLength = 100;

    /// <inheritdoc />
    public override string ToString() => "${" + string.Join('.', Path) + Shift + (Format is null ? "" : ":" + Format) + "}";

    /// <summary>
    /// <paramref name="value"/> moved by <see cref="Shift"/>, a counted shift taking its count from
    /// <paramref name="parameter"/> (a parameter's value by name, or null where there are no parameters); throws when
    /// a shift is asked of what is not a date or time, or lands past the calendar's ends.
    /// </summary>
    public object Shifted(object value, Func<string, object?>? parameter = null)
    {
        if (Shift is not { } shift)
        {
            return value;
        }
        if (shift.Count is { } count)
        {
            shift = shift.Counted(parameter?.Invoke(count) switch
            {
                long n => n,
                null => throw new ExpressionException(this, $"'{count}' is not a parameter here: a shift counts whole numbers, as in - 7d"),
                var other => throw new ExpressionException(this, $"parameter '{count}' must be an int with a value to count a shift, not '{other}'"),
            });
        }
        try
        {
            return shift.Apply(value)
                ?? throw new ExpressionException(this, NotShifted(value, shift));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new ExpressionException(this, $"shifting {value} by{shift} runs past the calendar's ends (0001-01-01 to 9999-12-31)");
        }
    }

    /// <summary>Why <paramref name="value"/> cannot move by <paramref name="shift"/>, and what can.</summary>
    private string NotShifted(object value, TimeShift shift) => value switch
    {
        DateOnly => $"'{string.Join('.', Path)}' is a date, which moves by whole days or weeks (- 1d, - 2w), not by{shift}",
        Parameters.Hour or Parameters.DateInterval => $"'{string.Join('.', Path)}' moves by whole hours, days or weeks (- 3h, - 1d), not by{shift}",
        _ => $"only a date, an hour, an interval or a time can be shifted ({shift}), and '{string.Join('.', Path)}' is none of these",
    };

    /// <summary>A standard .NET format: one letter and a width or precision, such as <c>D8</c> or <c>F2</c>.</summary>
    [GeneratedRegex(@"^\s*[A-Za-z]\s*([0-9]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardFormat();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z_][A-Za-z0-9_\-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathForm();

    /// <summary>
    /// A path, then a sign, a whole number or a parameter's name, and a unit: <c>date - 7d</c>, <c>fire.date-1w</c>,
    /// <c>fire + 2h</c>, <c>end_date - weeks w</c> (a name is followed by a space, so that it cannot run into its unit).
    /// </summary>
    [GeneratedRegex(@"^(?<path>\S+?)\s*(?<sign>[+-])\s*(?:(?<amount>[0-9]{1,5})\s*|(?<amount>[A-Za-z_][A-Za-z0-9_]*)\s+)(?<unit>[dwhm])$", RegexOptions.CultureInvariant)]
    private static partial Regex ShiftForm();
}
