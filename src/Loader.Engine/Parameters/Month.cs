using System.Globalization;

namespace Loader.Parameters;

/// <summary>A calendar month, written <c>yyyy-MM</c>.</summary>
public readonly record struct Month(int Year, int Number)
{
    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Number, 1);

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    public static Month Parse(string text)
    {
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new Month(day.Year, day.Month);
        }
        throw new FormatException($"invalid month '{text}': use yyyy-MM, for example 2016-05");
    }

    /// <inheritdoc />
    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
