namespace Loader.Configuration.Settings;

/// <summary>The settings every run reads: <c>runner.workers</c>, <c>state.lease_ttl</c> and <c>state.lock_wait</c>.</summary>
public static class RunnerSettings
{
    /// <summary>How many tasks run at once unless <c>--workers</c> says (default: the number of cores, at least 2).</summary>
    public static WholeSetting Workers { get; } = new("runner:workers", 1, MaxWorkers, Math.Max(2, Environment.ProcessorCount));

    /// <summary>
    /// How long a lease lasts after its last renewal; renewed every third of it, so a second is the least that
    /// leaves a renewal time to reach the store.
    /// </summary>
    public static DurationSetting LeaseTtl { get; } = new("state:lease_ttl", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30));

    /// <summary>How long a call to the SQLite state store waits while another process holds its lock, before it fails.</summary>
    public static DurationSetting LockWait { get; } = new("state:lock_wait", TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));

    /// <summary>The most tasks one runner runs at once: more threads than this only contend.</summary>
    public const int MaxWorkers = 1024;

    /// <summary>Every setting here, to check when the configuration is loaded.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Workers, LeaseTtl, LockWait];
}
