using Loader.Configuration;
using Loader.Configuration.Settings;
using Microsoft.Extensions.Configuration;

namespace Loader.Notifications.Settings;

/// <summary>
/// A webhook's absolute <c>http://</c> or <c>https://</c> URL; null when not set. The URL is the webhook's credential
/// (Slack's carries its token), so a wrong one is refused without being echoed.
/// </summary>
public sealed class WebhookUrlSetting(string key) : Setting(key, "an http:// or https:// URL")
{
    /// <summary>The configured URL, checked, or null when not set.</summary>
    public Uri? Read(IConfiguration configuration)
    {
        if (TextIn(configuration) is not { } text)
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0
            ? url
            : throw new ConfigurationException(
                $"{ConfigurationLayer.Of(configuration, Key)}: {Name} is not an http:// or https:// URL (its value is a secret, so it is not shown); it must be {Allowed}");
    }

    /// <inheritdoc />
    public override void Check(IConfiguration configuration) => Read(configuration);
}
