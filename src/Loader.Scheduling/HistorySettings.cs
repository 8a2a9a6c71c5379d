using Loader.Configuration.Settings;

namespace Loader.Scheduling;

/// <summary>The setting of history retention: <c>history.keep</c>, which <c>loader serve</c> applies.</summary>
public static class HistorySettings
{
    /// <summary>How long history is kept (see <see cref="State.HistoryPruner"/> for what stays longer); unset keeps it all.</summary>
    public static OptionalDurationSetting Keep { get; } = new("history:keep", TimeSpan.FromHours(1), TimeSpan.FromDays(36_500), TimeSpan.FromDays(90));

    /// <summary>Every setting here, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Keep];
}
