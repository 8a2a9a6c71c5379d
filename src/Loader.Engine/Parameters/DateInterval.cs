using System.Globalization;
using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>
/// A half-open range of days, <c>[Start, End)</c>, written in one of Luigi's five forms:
/// a year, a month, an ISO week, a day, or a custom range <c>start-end</c>.
/// </summary>
public sealed partial record DateInterval(DateOnly Start, DateOnly End)
{
    /// <summary>The text this interval was parsed from, or its canonical custom form.</summary>
    public string Text { get; init; } = $"{Start:yyyy-MM-dd}-{End:yyyy-MM-dd}";

    /// <summary>The custom-range form, the same for every spelling of one interval.</summary>
    public string Canonical => $"{Start:yyyy-MM-dd}-{End:yyyy-MM-dd}";

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

    /// <summary>Parses any of the five forms; anything else throws <see cref="FormatException"/>.</summary>
    public static DateInterval Parse(string text)
    {
        if (TryParse(text, out var interval))
        {
            return interval;
        }
        throw new FormatException(
            $"invalid date interval '{text}': use 2016, 2016-05, 2016-W05, 2016-05-01 or 2016-01-01-2016-02-01 (end excluded)");
    }

    /// <summary>Parses any of the five forms without throwing.</summary>
    public static bool TryParse(string? text, out DateInterval interval)
    {
        interval = null!;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var match = Form().Match(text);
        if (!match.Success)
        {
            return false;
        }
        try
        {
            interval = FromMatch(match) with { Text = text };
            return interval.End > interval.Start;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The canonical text of the interval.</summary>
    public override string ToString() => Text;

    private static DateInterval FromMatch(Match m)
    {
        int Num(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        if (m.Groups["rs"].Success)
        {
            var start = DateOnly.ParseExact(m.Groups["rs"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var end = DateOnly.ParseExact(m.Groups["re"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new DateInterval(start, end);
        }
        var year = Num("y");
        if (m.Groups["w"].Success)
        {
            var week = Num("w");
            if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                throw new ArgumentOutOfRangeException(nameof(m), "no such ISO week");
            }
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            return new DateInterval(monday, monday.AddDays(7));
        }
        if (m.Groups["d"].Success)
        {
            var day = new DateOnly(year, Num("m"), Num("d"));
            return new DateInterval(day, day.AddDays(1));
        }
        if (m.Groups["m"].Success)
        {
            var first = new DateOnly(year, Num("m"), 1);
            return new DateInterval(first, first.AddMonths(1));
        }
        var jan1 = new DateOnly(year, 1, 1);
        return new DateInterval(jan1, jan1.AddYears(1));
    }

    [GeneratedRegex(
        @"^(?:(?<rs>\d{4}-\d{2}-\d{2})-(?<re>\d{4}-\d{2}-\d{2})|(?<y>\d{4})(?:-W(?<w>\d{2})|-(?<m>\d{2})(?:-(?<d>\d{2}))?)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
