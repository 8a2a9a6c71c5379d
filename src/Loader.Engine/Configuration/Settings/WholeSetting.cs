using System.Globalization;

namespace Loader.Configuration.Settings;

/// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
public sealed class WholeSetting(string key, int min, int max, int fallback)
    : TypedSetting<int>(key, $"a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}", fallback)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out int value, out string? why)
    {
        why = null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            why = "not a whole number";
            return false;
        }
        return value >= min && value <= max;
    }
}
