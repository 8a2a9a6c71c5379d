using System.Globalization;
using Loader.Parameters;

namespace Loader.Expressions;

/// <summary>A move of a date or time by whole days (<c>d</c>), weeks (<c>w</c>), hours (<c>h</c>) or minutes (<c>m</c>).</summary>
/// <param name="Amount">How many units, negative backwards.</param>
/// <param name="Unit">The unit's letter.</param>
public sealed record TimeShift(int Amount, char Unit)
{
    /// <summary>Reads a sign, a number and a unit letter.</summary>
    public static TimeShift Parse(string sign, string amount, char unit) =>
        new((sign == "-" ? -1 : 1) * int.Parse(amount, CultureInfo.InvariantCulture), unit);

    /// <summary>The shifted value, or null when <paramref name="value"/> cannot move by this shift.</summary>
    public object? Apply(object value) => (value, Unit) switch
    {
        (DateOnly date, 'd') => date.AddDays(Amount),
        (DateOnly date, 'w') => date.AddDays(7 * Amount),
        (Hour hour, not 'm') => hour.AddHours((int)Length.TotalHours),
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
    public override string ToString() => $" {(Amount < 0 ? '-' : '+')} {Math.Abs(Amount)}{Unit}";
}
