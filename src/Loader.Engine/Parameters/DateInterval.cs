using System.Globalization;
using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>
/// A half-open range of days, <c>[Start, End)</c>, written in one of Luigi's five forms:
/// a year, a month, an ISO week, a day, or a custom range <c>start-end</c>. The form is kept, as Luigi keeps it:
/// <c>2012-01</c> and <c>2012-01-01-2012-02-01</c> hold the same days but are different values, written differently.
/// </summary>
public sealed partial record DateInterval(DateOnly Start, DateOnly End)
{
    /// <summary>How the interval is written; a custom range unless it was read or made as a year, month, week or day.</summary>
    public IntervalForm Form { get; private init; } = IntervalForm.Range;

    /// <summary>The interval in its form: <c>2012</c>, <c>2012-01</c>, <c>2011-W52</c>, <c>2012-01-01</c> or <c>2012-01-01-2012-02-01</c>.</summary>
    public string Text => Form switch
    {
        IntervalForm.Year => Start.ToString("yyyy", CultureInfo.InvariantCulture),
        IntervalForm.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        IntervalForm.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):D2}"),
        IntervalForm.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IntervalForm.Hours => Hours!.ToString(),
        _ => RangeText,
    };

    /// <summary>The custom-range form, <c>start-end</c>, the same for every spelling of one interval (of hours, for one written as hours).</summary>
    public string RangeText => Hours?.RangeText ?? string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd}-{End:yyyy-MM-dd}");

    /// <summary>Whether the interval holds no day: a custom range whose end is its start (<c>2016-01-01-2016-01-01</c>, <c>2016-01-01T05-2016-01-01T05</c>).</summary>
    public bool IsEmpty => End == Start;

    /// <summary>The number of days in the interval.</summary>
    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>Every day in the interval, in order.</summary>
    public IEnumerable<DateOnly> EachDay()
    {
        for (var day = Start; day < End; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>Whether <paramref name="day"/> falls inside the interval.</summary>
    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>Parses any of the five forms; anything else throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static DateInterval Parse(string text) =>
        Read(text, out var interval) is { } problem ? throw new FormatException(problem) : interval;

    /// <summary>Parses any of the five forms without throwing.</summary>
    public static bool TryParse(string? text, out DateInterval interval) => Read(text, out interval) is null;

    /// <summary>Reads <paramref name="text"/>; returns what is wrong with it, or null.</summary>
    private static string? Read(string? text, out DateInterval interval)
    {
        interval = null!;
        text = text?.Trim();
        var forms = "use 2016, 2016-05, 2016-W05, 2016-05-01 or 2016-01-01-2016-02-01 (end excluded)";
        if (string.IsNullOrEmpty(text))
        {
            return $"invalid date interval '': {forms}";
        }
        if (text.Contains('T', StringComparison.Ordinal))
        {
            return ReadHours(text, out interval);
        }
        var match = Written().Match(text);
        if (!match.Success)
        {
            return $"invalid date interval '{text}': {forms}";
        }
        try
        {
            if (FromMatch(match) is not { } read)
            {
                return $"invalid date interval '{text}': that month or day does not exist; {forms}";
            }
            interval = read;
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(ISOWeek))
        {
            var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            return $"invalid date interval '{text}': {year} has {ISOWeek.GetWeeksInYear(year)} ISO weeks, so there is no week {match.Groups["w"].Value}";
        }
        catch (ArgumentOutOfRangeException)
        {
            return $"invalid date interval '{text}': it runs past 9999-12-31, the last date there is";
        }
        if (interval.End < interval.Start)
        {
            return $"invalid date interval '{text}': its end {interval.End:yyyy-MM-dd} is before its start {interval.Start:yyyy-MM-dd}; write the earlier date first";
        }
        return null;
    }

    /// <summary>The interval in its form (<see cref="Text"/>).</summary>
    public override string ToString() => Text;

    /// <summary>The interval <paramref name="m"/> spells, or null for a day or month that does not exist (2026-02-30, 2026-13).</summary>
    private static DateInterval? FromMatch(Match m)
    {
        int Num(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        if (m.Groups["rs"].Success)
        {
            return Day(m.Groups["rs"].Value) is { } start && Day(m.Groups["re"].Value) is { } end ? new DateInterval(start, end) : null;
        }
        var year = Num("y");
        if (year == 0)
        {
            return null;
        }
        if (m.Groups["w"].Success)
        {
            var week = Num("w");
            if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                throw new ArgumentOutOfRangeException(nameof(ISOWeek), "no such ISO week");
            }
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            return new DateInterval(monday, monday.AddDays(7)) { Form = IntervalForm.Week };
        }
        if (m.Groups["d"].Success)
        {
            return Day($"{m.Groups["y"].Value}-{m.Groups["m"].Value}-{m.Groups["d"].Value}") is { } day ? OfDay(day) : null;
        }
        if (m.Groups["m"].Success)
        {
            return Num("m") is >= 1 and <= 12 ? OfMonth(new DateOnly(year, Num("m"), 1)) : null;
        }
        return OfYear(new DateOnly(year, 1, 1));
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    [GeneratedRegex(
        @"^(?:(?<rs>\d{4}-\d{2}-\d{2})-(?<re>\d{4}-\d{2}-\d{2})|(?<y>\d{4})(?:-W(?<w>\d{2})|-(?<m>\d{2})(?:-(?<d>\d{2}))?)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Written();
}
