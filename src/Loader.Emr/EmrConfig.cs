using Loader.Configuration.Settings;

namespace Loader.Emr;

/// <summary>The typed keys of the <c>emr:</c> configuration section, with their allowed ranges.</summary>
public static class EmrConfig
{
    /// <summary><c>emr.endpoint</c>: a service URL in place of AWS's.</summary>
    public static UrlSetting Endpoint { get; } = new("emr:endpoint");

    /// <summary><c>emr.terminate</c>: terminate the run's cluster when the run ends.</summary>
    public static FlagSetting Terminate { get; } = new("emr:terminate", false);

    /// <summary><c>emr.poll</c>: the first wait between two polls of a step.</summary>
    public static DurationSetting Poll { get; } = new("emr:poll", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));

    /// <summary><c>emr.max_poll</c>: the longest wait between two polls.</summary>
    public static DurationSetting MaxPoll { get; } = new("emr:max_poll", TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), TimeSpan.FromSeconds(60));

    /// <summary><c>emr.start_timeout</c>: how long a run waits for its cluster.</summary>
    public static DurationSetting StartTimeout { get; } = new("emr:start_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(30));

    /// <summary><c>emr.retry_delay</c>: the first wait before a throttled request is retried.</summary>
    public static DurationSetting RetryDelay { get; } = new("emr:retry_delay", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));

    /// <summary>Every typed key of the section, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Endpoint, Terminate, Poll, MaxPoll, StartTimeout, RetryDelay];
}
