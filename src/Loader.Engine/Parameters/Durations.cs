using System.Globalization;
using System.Text.RegularExpressions;

namespace Loader.Parameters;

/// <summary>Reads durations written as <c>90s</c>, <c>5m</c>, <c>2h30m</c>, <c>1d</c>, <c>250ms</c> or <c>hh:mm:ss</c>.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration; throws <see cref="FormatException"/> with the accepted forms.</summary>
    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim();
        var match = Units().Match(trimmed);
        if (match.Success && trimmed.Length > 0)
        {
            try
            {
                return Sum(match);
            }
            catch (OverflowException)
            {
                throw new FormatException($"duration '{text}' is too long: the longest is {TimeSpan.MaxValue.Days:N0} days");
            }
        }
        if (TimeSpan.TryParseExact(trimmed, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var clock))
        {
            return clock;
        }
        throw new FormatException($"invalid duration '{text}': use forms like 250ms, 90s, 5m, 2h30m, 1d or hh:mm:ss");
    }

    private static TimeSpan Sum(Match match)
    {
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.IndexOfAny(['d', 'h', 'm', 's']);
            // Decimal, not double: "1.001s" must read back as exactly what Format wrote.
            var number = decimal.Parse(part.Value[..unitAt], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var ticksPerUnit = part.Value[unitAt..] switch
            {
                "d" => TimeSpan.TicksPerDay,
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                _ => TimeSpan.TicksPerMillisecond,
            };
            total += TimeSpan.FromTicks((long)decimal.Round(number * ticksPerUnit));
        }
        return total;
    }

    /// <summary>Writes a duration in the shortest form <see cref="Parse"/> reads back.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        if (value.TotalSeconds < 1)
        {
            return $"{value.TotalMilliseconds:0}ms";
        }
        var text = "";
        if (value.Days > 0) text += $"{value.Days}d";
        if (value.Hours > 0) text += $"{value.Hours}h";
        if (value.Minutes > 0) text += $"{value.Minutes}m";
        if (value.Seconds > 0 || value.Milliseconds > 0)
        {
            text += value.Milliseconds > 0
                ? $"{value.Seconds + value.Milliseconds / 1000.0:0.###}s"
                : $"{value.Seconds}s";
        }
        return text;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();
}
