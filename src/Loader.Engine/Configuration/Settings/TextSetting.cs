namespace Loader.Configuration.Settings;

/// <summary>Text that <paramref name="accepts"/> approves, such as an encoding name; <paramref name="fallback"/> when not set.</summary>
public sealed class TextSetting(string key, string allowed, Func<string, bool> accepts, string? fallback = null)
    : TypedSetting<string?>(key, allowed, fallback)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out string? value, out string? why)
    {
        why = null;
        value = text;
        return accepts(text);
    }
}
