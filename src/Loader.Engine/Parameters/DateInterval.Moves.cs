namespace Loader.Parameters;

/// <summary>The intervals of each form, the next and previous interval of the same form, and intervals shifted in time.</summary>
public sealed partial record DateInterval
{
    /// <summary>The single day <paramref name="day"/>, written <c>2016-05-01</c>.</summary>
    public static DateInterval OfDay(DateOnly day) => new(day, day.AddDays(1)) { Form = IntervalForm.Day };

    /// <summary>The month starting on <paramref name="first"/>, written <c>2016-05</c>.</summary>
    private static DateInterval OfMonth(DateOnly first) => new(first, first.AddMonths(1)) { Form = IntervalForm.Month };

    /// <summary>The year starting on <paramref name="first"/>, written <c>2016</c>.</summary>
    private static DateInterval OfYear(DateOnly first) => new(first, first.AddYears(1)) { Form = IntervalForm.Year };

    /// <summary>
    /// The interval of the same form just after this one: the next day, ISO week, month or year, as in Luigi; a custom
    /// range moves forward by its own length (Luigi has no next of a custom range). Throws
    /// <see cref="ArgumentOutOfRangeException"/> past 9999-12-31.
    /// </summary>
    public DateInterval Next() => MovedBy(1);

    /// <summary>The interval of the same form just before this one; see <see cref="Next"/>.</summary>
    public DateInterval Previous() => MovedBy(-1);

    /// <summary>
    /// The interval <paramref name="hours"/> hours later (earlier when negative), as long as this one: the same form when
    /// the move keeps it (a day by whole days, a week by whole weeks, hours by any hours), otherwise a range of days, or
    /// of hours when the move is not whole days. Throws <see cref="ArgumentOutOfRangeException"/> past the calendar's ends.
    /// </summary>
    public DateInterval ShiftedByHours(long hours)
    {
        if (Hours is not null || hours % 24 != 0)
        {
            var by = checked((int)hours);
            return Of(new HourRange(FirstHour.AddHours(by), EndHour.AddHours(by)));
        }
        var days = checked((int)(hours / 24));
        return Form switch
        {
            IntervalForm.Day => OfDay(Start.AddDays(days)),
            IntervalForm.Week when days % 7 == 0 => new DateInterval(Start.AddDays(days), End.AddDays(days)) { Form = IntervalForm.Week },
            _ => new DateInterval(Start.AddDays(days), End.AddDays(days)),
        };
    }

    private DateInterval MovedBy(int steps) => Form switch
    {
        IntervalForm.Year => OfYear(Start.AddYears(steps)),
        IntervalForm.Month => OfMonth(Start.AddMonths(steps)),
        IntervalForm.Day => OfDay(Start.AddDays(steps)),
        IntervalForm.Week => new DateInterval(Start.AddDays(7 * steps), End.AddDays(7 * steps)) { Form = IntervalForm.Week },
        IntervalForm.Hours => MovedHours(steps),
        _ => new DateInterval(Start.AddDays(steps * Days), End.AddDays(steps * Days)),
    };
}
