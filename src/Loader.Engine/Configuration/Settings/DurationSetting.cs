using Loader.Parameters;

namespace Loader.Configuration.Settings;

/// <summary>A duration (<c>250ms</c>, <c>90s</c>, <c>5m</c>, <c>2h30m</c>, <c>1d</c>, <c>hh:mm:ss</c>) from <paramref name="min"/> to <paramref name="max"/>.</summary>
public sealed class DurationSetting(string key, TimeSpan min, TimeSpan max, TimeSpan fallback)
    : TypedSetting<TimeSpan>(key, $"a duration from {Durations.Format(min)} to {Durations.Format(max)}, such as {Durations.Format(fallback)}", fallback)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out TimeSpan value, out string? why)
    {
        why = null;
        try
        {
            value = Durations.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            value = default;
            why = "not a duration";
            return false;
        }
        return value >= min && value <= max;
    }
}
