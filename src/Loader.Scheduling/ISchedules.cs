namespace Loader.Scheduling;

/// <summary>The schedules of a running service, as its Studio, metrics and health check see and steer them.</summary>
public interface ISchedules
{
    /// <summary>True while the scheduler's loop turns: it completed a pass within the last few seconds.</summary>
    bool Turning { get; }

    /// <summary>Every schedule in configuration, with its next fire and its last fire.</summary>
    Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stops firing <paramref name="name"/> until resumed (kept in the state store, so every service process obeys).</summary>
    Task PauseAsync(string name, CancellationToken cancellationToken);

    /// <summary>Fires <paramref name="name"/> again from its next period on.</summary>
    Task ResumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Fires <paramref name="name"/> now, outside its cron periods; returns the run's id.</summary>
    Task<long> RunNowAsync(string name, CancellationToken cancellationToken);
}

/// <summary>One schedule as it stands.</summary>
/// <param name="Name">The schedule's name in configuration.</param>
/// <param name="Workflow">The workflow it runs.</param>
/// <param name="Cron">Its cron expression.</param>
/// <param name="TimeZone">The time zone its cron expression is read in.</param>
/// <param name="Paused">Whether it is paused.</param>
/// <param name="NextFire">When it fires next, unless paused.</param>
/// <param name="LastFire">Its latest fire, if any.</param>
/// <param name="LastSuccess">When a run it fired last succeeded, if ever.</param>
public sealed record ScheduleView(
    string Name, string Workflow, string Cron, string TimeZone, bool Paused, DateTimeOffset? NextFire, FireView? LastFire, DateTimeOffset? LastSuccess);

/// <summary>One fire of a schedule.</summary>
/// <param name="FireTime">The period it fired for.</param>
/// <param name="Status">How it stands: queued, running, waiting (for data), succeeded, failed, missing-data, skipped, cancelled, abandoned.</param>
/// <param name="RunId">The latest run it started, if any.</param>
/// <param name="Finished">When it ended, if it did.</param>
/// <param name="Note">Why it ended so, or what it waits for.</param>
public sealed record FireView(DateTimeOffset FireTime, string Status, long? RunId, DateTimeOffset? Finished, string? Note);
