namespace Loader.Configuration.Settings;

/// <summary>How a long-running process (the Studio, the service) re-reads its configuration: <c>service.config_refresh</c>.</summary>
public static class ConfigurationSettings
{
    /// <summary>How often remote layers are fetched again and every layer re-read, besides re-reading local files as they change.</summary>
    public static DurationSetting Refresh { get; } = new("service:config_refresh", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(5));

    /// <summary>Every setting here, to check when the configuration is loaded.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Refresh];
}
