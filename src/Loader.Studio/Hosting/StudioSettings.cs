using Loader.Configuration.Settings;

namespace Loader.Studio.Hosting;

/// <summary>The Studio's settings: <c>studio.access</c>, <c>studio.token</c> and <c>studio.metrics_token</c>.</summary>
public static class StudioSettings
{
    /// <summary>
    /// <c>token</c> (the default): every request needs the access token, on loopback too; <c>open</c>: no token, allowed
    /// only while the Studio listens on loopback, for a machine with one user.
    /// </summary>
    public static TextSetting Access { get; } = new("studio:access", "token or open", text => text is "token" or "open", "token");

    /// <summary>The access token; when not set, a random one is made at each start.</summary>
    public static TextSetting Token { get; } = new("studio:token", "any text", _ => true);

    /// <summary>A second token that reaches only <c>/metrics</c> and <c>/healthz</c>, for a scraper that must not start runs.</summary>
    public static TextSetting MetricsToken { get; } = new("studio:metrics_token", "any text", _ => true);

    /// <summary>Every setting here, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Access, Token, MetricsToken];
}
