namespace Loader.Configuration.Settings;

/// <summary>An absolute <c>http://</c> or <c>https://</c> URL; null when not set.</summary>
public sealed class UrlSetting(string key) : TypedSetting<Uri?>(key, "an http:// or https:// URL", null)
{
    /// <inheritdoc />
    protected override bool TryParse(string text, out Uri? value, out string? why)
    {
        why = null;
        return Uri.TryCreate(text, UriKind.Absolute, out value) && value.Scheme is "http" or "https";
    }
}
