using System.Globalization;
using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>
/// One hour of one UTC day, written as Luigi's <c>DateHourParameter</c> writes it: <c>2026-01-02T05</c> (05:00 to 06:00 UTC).
/// <c>2026-01-02T05:00</c> reads the same; an hour has no minutes, seconds or time zone of its own.
/// </summary>
public readonly partial record struct Hour : IComparable<Hour>, IFormattable
{
    /// <summary>The form <see cref="ToString()"/> writes and every refusal names.</summary>
    public const string Form = "yyyy-MM-ddTHH";

    private Hour(DateTime start) => Start = start;

    /// <summary>When the hour starts, in UTC.</summary>
    public DateTime Start { get; }

    /// <summary>The UTC day the hour belongs to.</summary>
    public DateOnly Date => DateOnly.FromDateTime(Start);

    /// <summary>The hour of the day, 0 to 23.</summary>
    public int OfDay => Start.Hour;

    /// <summary>Hour <paramref name="ofDay"/> (0 to 23) of <paramref name="day"/>.</summary>
    public static Hour Of(DateOnly day, int ofDay) =>
        ofDay is >= 0 and <= 23
            ? new Hour(day.ToDateTime(new TimeOnly(ofDay, 0), DateTimeKind.Utc))
            : throw new ArgumentOutOfRangeException(nameof(ofDay), ofDay, "an hour of the day is 0 to 23");

    /// <summary>The hour <paramref name="count"/> hours later (earlier when negative).</summary>
    public Hour AddHours(int count) => new(Start.AddHours(count));

    /// <summary>How many hours <paramref name="later"/> is after this one.</summary>
    public int HoursUntil(Hour later) => (int)((later.Start - Start).Ticks / TimeSpan.TicksPerHour);

    /// <summary>Reads <c>2026-01-02T05</c> or <c>2026-01-02T05:00</c>; anything else throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Hour Parse(string text) =>
        Read(text, out var hour) is { } problem ? throw new FormatException(problem) : hour;

    /// <summary>Reads an hour without throwing.</summary>
    public static bool TryParse(string? text, out Hour hour) => Read(text, out hour) is null;

    /// <summary>Reads <paramref name="text"/>; returns what is wrong with it, or null.</summary>
    internal static string? Read(string? text, out Hour hour)
    {
        hour = default;
        text = text?.Trim() ?? "";
        var match = Written().Match(text);
        if (!match.Success)
        {
            return $"invalid hour '{text}': {Hint(text)}";
        }
        var hourOfDay = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        if (!DateOnly.TryParseExact(match.Groups["d"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return $"invalid hour '{text}': the day {match.Groups["d"].Value} does not exist";
        }
        if (hourOfDay > 23)
        {
            return $"invalid hour '{text}': hours of the day run from 00 to 23 (midnight ending {day:yyyy-MM-dd} is {day.AddDays(1):yyyy-MM-dd}T00)";
        }
        hour = Of(day, hourOfDay);
        return null;
    }

    /// <summary>What to write instead of <paramref name="text"/>, saying what it most likely meant.</summary>
    private static string Hint(string text)
    {
        var usage = $"write the UTC hour as {Form}, for example 2026-01-02T05 (or 2026-01-02T05:00)";
        if (Zoned().IsMatch(text))
        {
            return $"hours are UTC and carry no time zone; {usage}";
        }
        return Minutes().Match(text) is { Success: true } minutes && minutes.Groups["m"].Value != "00"
            ? $"an hour starts on the hour, and :{minutes.Groups["m"].Value} is past it; {usage}"
            : usage;
    }

    /// <inheritdoc />
    public int CompareTo(Hour other) => Start.CompareTo(other.Start);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(Hour left, Hour right) => left.Start < right.Start;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(Hour left, Hour right) => left.Start > right.Start;

    /// <summary>Whether <paramref name="left"/> comes before or is <paramref name="right"/>.</summary>
    public static bool operator <=(Hour left, Hour right) => left.Start <= right.Start;

    /// <summary>Whether <paramref name="left"/> comes after or is <paramref name="right"/>.</summary>
    public static bool operator >=(Hour left, Hour right) => left.Start >= right.Start;

    /// <summary>The hour as <c>2026-01-02T05</c>.</summary>
    public override string ToString() => Start.ToString(Form, CultureInfo.InvariantCulture);

    /// <summary>The hour's start in a .NET date format, such as <c>yyyy/MM/dd/HH</c>; the <c>yyyy-MM-ddTHH</c> form without one.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString() : Start.ToString(format, formatProvider);

    [GeneratedRegex(@"^(?<d>\d{4}-\d{2}-\d{2})T(?<h>\d{2})(?::00)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:(?<m>\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex Minutes();

    [GeneratedRegex(@"T\d{2}(?::\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Zoned();
}
