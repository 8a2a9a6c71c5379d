using System.Globalization;
using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>Turns parameter text into typed values and back, with "today" taken from a clock.</summary>
public sealed partial class ParameterParser(TimeProvider clock, DateOnly? today = null)
{
    /// <summary>The date that <c>today</c> means: a fixed date when configured, else the clock's local date.</summary>
    public DateOnly Today { get; } = today ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The value of an optional parameter that was given no value: empty text, whatever the parameter's type.</summary>
    public const string Unset = "";

    /// <summary>
    /// Parses <paramref name="text"/> as a value of <paramref name="spec"/>; throws <see cref="FormatException"/>.
    /// The refusal of a value that is secret (a <c>secret</c> parameter's, or one <paramref name="secret"/> says was
    /// made from a secret) says what is wrong without quoting the value.
    /// </summary>
    public object Parse(ParameterSpec spec, string text, bool secret = false)
    {
        if (spec.Optional && string.IsNullOrWhiteSpace(text))
        {
            return Unset;
        }
        var trimmed = text.Trim();
        var hidden = secret || spec.Secret;
        try
        {
            return Check(spec, ParseKind(spec, trimmed), hidden);
        }
        catch (FormatException e) when (hidden)
        {
            // Each refusal quotes the value as '...'; one long enough to mask safely is masked wherever else it shows.
            var reason = e.Message.Replace($"'{trimmed}'", "'***'", StringComparison.Ordinal);
            reason = trimmed.Length >= 3 ? reason.Replace(trimmed, "***", StringComparison.Ordinal) : reason;
            throw new FormatException($"parameter '{spec.Name}' (secret, so its value is not shown): {reason}");
        }
        catch (FormatException e)
        {
            throw new FormatException($"parameter '{spec.Name}': {e.Message}", e);
        }
    }

    private object ParseKind(ParameterSpec spec, string text) => spec.Kind switch
    {
        ParameterKind.String => text,
        ParameterKind.Int => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i : throw new FormatException($"'{text}' is not a whole number"),
        ParameterKind.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)
            ? f : throw new FormatException($"'{text}' is not a number"),
        ParameterKind.Bool => text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new FormatException($"'{text}' is not true or false"),
        },
        ParameterKind.Date => ParseDate(text),
        ParameterKind.Hour => Hour.Parse(text),
        ParameterKind.Month => text.StartsWith("today", StringComparison.Ordinal) || text == "yesterday"
            ? new Month(ParseDate(text).Year, ParseDate(text).Month)
            : Month.Parse(text),
        ParameterKind.Interval => ParseInterval(text),
        ParameterKind.Duration => Durations.Parse(text),
        ParameterKind.Enum => spec.Choices.Contains(text)
            ? text : throw new FormatException($"'{text}' is not one of {string.Join(", ", spec.Choices)}"),
        ParameterKind.List => ListText.Parse(text),
        _ => throw new FormatException($"unsupported parameter type {spec.Kind}"),
    };

    /// <summary>The value, once it is within the parameter's bounds and matches its pattern.</summary>
    private static object Check(ParameterSpec spec, object value, bool hidden)
    {
        var number = value switch
        {
            long l => (double?)l,
            double d => d,
            _ => null,
        };
        if (number is { } n && (n < spec.Min || n > spec.Max))
        {
            var range = (spec.Min, spec.Max) switch
            {
                ({ } min, { } max) => $"from {Number(min)} to {Number(max)}",
                ({ } min, null) => $"{Number(min)} or more",
                (null, { } max) => $"{Number(max)} or less",
                _ => "",
            };
            throw new FormatException($"{(hidden ? "the value" : Number(n))} is out of range: give a value {range}");
        }
        if (value is string text && spec.Pattern is { } pattern && !Matches(text, pattern))
        {
            throw new FormatException($"'{text}' is not allowed here ({spec.Description ?? $"it must match {pattern}"})");
        }
        return value;
    }

    /// <summary>Whether all of <paramref name="text"/> matches; a pattern that takes over a second on it is a refusal too.</summary>
    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (RegexMatchTimeoutException)
        {
            throw new FormatException($"the value took over a second to check against the parameter's pattern {pattern}");
        }
    }

    private static string Number(double n) => n.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>yyyy-MM-dd</c>, <c>today</c>, <c>yesterday</c> or <c>today-N</c> / <c>today+N</c> (days).</summary>
    public DateOnly ParseDate(string text)
    {
        var relative = Relative().Match(text);
        if (relative.Success)
        {
            var days = relative.Groups["n"].Success
                && long.TryParse(relative.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
            var offset = !relative.Groups["n"].Success ? 0 : relative.Groups["sign"].Value == "-" ? -days : days;
            var dayNumber = Today.DayNumber + (double)offset;
            if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
            {
                throw new FormatException($"'{text}' is out of range: dates run from 0001-01-01 to 9999-12-31");
            }
            return Today.AddDays((int)offset);
        }
        if (text == "yesterday")
        {
            return Today.AddDays(-1);
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        throw new FormatException($"invalid date '{text}': use yyyy-MM-dd, today, yesterday or today-N");
    }

    private DateInterval ParseInterval(string text)
    {
        if (DateInterval.TryParse(text, out var interval))
        {
            return interval;
        }
        // A relative single day ("today", "yesterday") is a one-day interval, written as that day.
        if (text is "today" or "yesterday" || Relative().IsMatch(text))
        {
            return DateInterval.OfDay(ParseDate(text));
        }
        return DateInterval.Parse(text);
    }

    /// <summary>The canonical text of a typed value, as used in task identities and expressions.</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateInterval i => i.Text,
        Hour h => h.ToString(),
        TimeSpan t => Durations.Format(t),
        IEnumerable<string> list => ListText.Format(list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"^today(?:(?<sign>[+-])(?<n>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Relative();
}
