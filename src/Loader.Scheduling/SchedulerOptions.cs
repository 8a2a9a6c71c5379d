namespace Loader.Scheduling;

/// <summary>How the scheduler turns.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Who drives the fires this process records: <c>host:pid</c>.</summary>
    public string Owner { get; init; } = Running.LeaseHolders.ThisProcess;

    /// <summary>How often the loop turns.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a service process may stay silent before others take over its fires.</summary>
    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping service waits for its runs before they are cancelled.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);
}
