using Loader.Parameters;

namespace Loader.Configuration.Settings;

/// <summary>A duration from <paramref name="min"/> to <paramref name="max"/>, or null when not set (such as <paramref name="example"/>).</summary>
public sealed class OptionalDurationSetting(string key, TimeSpan min, TimeSpan max, TimeSpan example)
    : TypedSetting<TimeSpan?>(key, $"a duration from {Durations.Format(min)} to {Durations.Format(max)}, such as {Durations.Format(example)}", null)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out TimeSpan? value, out string? why)
    {
        why = null;
        value = null;
        try
        {
            value = Durations.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            why = "not a duration";
            return false;
        }
        return value >= min && value <= max;
    }
}
