using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>
/// The hours of an interval (Luigi's <c>hours()</c>), and intervals written as hours: one hour (<c>2026-01-02T05</c>) or
/// a range of them, end excluded (<c>2026-01-02T00-2026-01-02T06</c>). Hours are UTC.
/// </summary>
public sealed partial record DateInterval
{
    /// <summary>The hours the interval was written as, or null when it was written as days (and holds all 24 of each).</summary>
    public HourRange? Hours { get; init; }

    /// <summary>The first hour of the interval: midnight of its first day unless it was written as hours.</summary>
    public Hour FirstHour => Hours?.Start ?? Hour.Of(Start, 0);

    /// <summary>The hour after the interval's last one.</summary>
    public Hour EndHour => Hours?.End ?? Hour.Of(End, 0);

    /// <summary>Whether <paramref name="hour"/> falls inside the interval: one of its hours, or of its days' 24.</summary>
    public bool Contains(Hour hour) => hour >= FirstHour && hour < EndHour;

    /// <summary>Every hour in the interval, in order: 24 for each day of an interval of days.</summary>
    public IEnumerable<Hour> EachHour()
    {
        for (var hour = FirstHour; hour < EndHour; hour = hour.AddHours(1))
        {
            yield return hour;
        }
    }

    /// <summary>Reads an interval written as hours; returns what is wrong with it, or null.</summary>
    private static string? ReadHours(string text, out DateInterval interval)
    {
        interval = null!;
        var forms = "write one UTC hour (2026-01-02T05) or a range of them, end excluded (2026-01-02T00-2026-01-02T06)";
        var match = HourForm().Match(text);
        if (!match.Success)
        {
            return $"invalid hour interval '{text}': {forms}";
        }
        if (Hour.Read(match.Groups["s"].Value, out var start) is { } badStart)
        {
            return $"invalid hour interval '{text}': {badStart}";
        }
        var end = start.Date == DateOnly.MaxValue && start.OfDay == 23 ? start : start.AddHours(1);
        if (match.Groups["e"].Success && Hour.Read(match.Groups["e"].Value, out end) is { } badEnd)
        {
            return $"invalid hour interval '{text}': {badEnd}";
        }
        if (end == start && !match.Groups["e"].Success)
        {
            return $"invalid hour interval '{text}': it runs past 9999-12-31, the last date there is";
        }
        if (end < start)
        {
            return $"invalid hour interval '{text}': its end {end} is before its start {start}; write the earlier hour first";
        }
        if (end.AddHours(-1).Date == DateOnly.MaxValue)
        {
            return $"invalid hour interval '{text}': it runs past 9999-12-31, the last date there is";
        }
        interval = Of(new HourRange(start, end));
        return null;
    }

    /// <summary>
    /// The interval holding <paramref name="hours"/>: its days are those the hours fall on, none when it holds no hours
    /// (<c>2026-01-02T05-2026-01-02T05</c>, empty as a day range whose end is its start).
    /// </summary>
    private static DateInterval Of(HourRange hours)
    {
        var end = hours.IsEmpty ? hours.Start.Date : hours.End.AddHours(-1).Date.AddDays(1);
        return new DateInterval(hours.Start.Date, end) { Hours = hours, Form = IntervalForm.Hours };
    }

    /// <summary>The hours just after (or, for negative <paramref name="steps"/>, before) these, as many as these.</summary>
    private DateInterval MovedHours(int steps)
    {
        var length = Hours!.Start.HoursUntil(Hours.End);
        return Of(new HourRange(Hours.Start.AddHours(steps * length), Hours.End.AddHours(steps * length)));
    }

    [GeneratedRegex(@"^(?<s>[^-]+-[^-]+-[^-]+)(?:-(?<e>[^-]+-[^-]+-[^-]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex HourForm();
}
