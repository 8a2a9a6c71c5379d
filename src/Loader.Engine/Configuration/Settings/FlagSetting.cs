namespace Loader.Configuration.Settings;

/// <summary>True or false (also yes/no and 1/0).</summary>
public sealed class FlagSetting(string key, bool fallback) : TypedSetting<bool>(key, "true or false", fallback)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out bool value, out string? why)
    {
        why = null;
        (var known, value) = text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => (true, true),
            "false" or "no" or "0" => (true, false),
            _ => (false, false),
        };
        return known;
    }
}
