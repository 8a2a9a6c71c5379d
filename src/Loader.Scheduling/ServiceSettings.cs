using Loader.Configuration.Settings;

namespace Loader.Scheduling;

/// <summary>The settings of <c>loader serve</c>: <c>service.grace</c> and <c>service.url</c>.</summary>
public static class ServiceSettings
{
    /// <summary>How long a stopping service lets its runs finish before it cancels them (they are recorded either way).</summary>
    public static DurationSetting Grace { get; } = new("service:grace", TimeSpan.Zero, TimeSpan.FromHours(6), TimeSpan.FromSeconds(30));

    /// <summary>The Studio's address as people reach it, for the links in notifications (default: the address it listens on).</summary>
    public static UrlSetting Url { get; } = new("service:url");

    /// <summary>Every setting here, checked when the service starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Grace, Url];
}
