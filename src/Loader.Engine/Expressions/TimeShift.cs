using System.Globalization;
using Loader.Parameters;

namespace Loader.Expressions;

/// <summary>
/// A move of a date, an hour, an interval or a time by whole days (<c>d</c>), weeks (<c>w</c>), hours (<c>h</c>) or
/// minutes (<c>m</c>): a number of them (<c>- 7d</c>), or as many as an <c>int</c> parameter holds (<c>- weeks w</c>).
/// A date moves by days and weeks, an hour or an interval by hours as well; only a time moves by minutes.
/// </summary>
/// <param name="Amount">How many units, negative backwards; with <see cref="Count"/>, the sign alone (1 or -1).</param>
/// <param name="Unit">The unit's letter.</param>
public sealed record TimeShift(long Amount, char Unit)
{
    /// <summary>The <c>int</c> parameter whose value is the number of units, or null when the number is written.</summary>
    public string? Count { get; init; }

    /// <summary>Reads a sign, a number or a parameter's name, and a unit letter.</summary>
    public static TimeShift Parse(string sign, string amount, char unit) => char.IsAsciiDigit(amount[0])
        ? new((sign == "-" ? -1 : 1) * long.Parse(amount, CultureInfo.InvariantCulture), unit)
        : new(sign == "-" ? -1 : 1, unit) { Count = amount };

    /// <summary>This shift with <see cref="Count"/> replaced by its value, <paramref name="count"/> units.</summary>
    public TimeShift Counted(long count) => new(Amount * count, Unit);

    /// <summary>
    /// The shifted value, or null when <paramref name="value"/> cannot move by this shift. Throws
    /// <see cref="ArgumentOutOfRangeException"/> or <see cref="OverflowException"/> past the calendar's ends.
    /// </summary>
    public object? Apply(object value) => (value, Unit) switch
    {
        (DateOnly date, 'd') => date.AddDays(checked((int)Amount)),
        (DateOnly date, 'w') => date.AddDays(checked((int)(7 * Amount))),
        (Hour hour, not 'm') => hour.AddHours(checked((int)Length.TotalHours)),
        (DateInterval interval, not 'm') => interval.ShiftedByHours((long)Length.TotalHours),
        (DateTimeOffset time, _) => time + Length,
        (DateTime time, _) => time + Length,
        _ => null,
    };

    private TimeSpan Length => Unit switch
    {
        'd' => TimeSpan.FromDays(Amount),
        'w' => TimeSpan.FromDays(7 * Amount),
        'h' => TimeSpan.FromHours(Amount),
        _ => TimeSpan.FromMinutes(Amount),
    };

    /// <inheritdoc />
    public override string ToString() => Count is { } count
        ? $" {(Amount < 0 ? '-' : '+')} {count} {Unit}"
        : $" {(Amount < 0 ? '-' : '+')} {Math.Abs(Amount)}{Unit}";
}
