namespace Loader.Notifications;

/// <summary>What a notification tells.</summary>
public enum NotificationKind
{
    /// <summary>A scheduled run failed (sent once when a schedule goes from working to failing).</summary>
    Failed,

    /// <summary>A scheduled run succeeded after failures.</summary>
    Recovered,

    /// <summary>A scheduled run's external data was still missing at its deadline.</summary>
    MissingData,

    /// <summary>A scheduled run was not complete by its completion deadline.</summary>
    Late,

    /// <summary>A changed configuration did not validate: the service keeps the one it had.</summary>
    ConfigurationRefused,
}

/// <summary>
/// What happened, to whom it matters. <paramref name="Schedule"/>, <paramref name="Workflow"/> and
/// <paramref name="Parameters"/> may be empty for <see cref="NotificationKind.ConfigurationRefused"/>. Every text is
/// masked before it is sent, so it may hold secrets as the run saw them.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Schedule">The schedule's name in configuration.</param>
/// <param name="Workflow">The workflow it runs.</param>
/// <param name="Parameters">The run's parameters, as <c>name=value</c> text.</param>
/// <param name="FireTime">The period the schedule fired for, in the schedule's time zone.</param>
/// <param name="Task">The task that failed, if one did.</param>
/// <param name="Error">Why: the task's error, the missing data, the missed deadline or the configuration's problem.</param>
/// <param name="LogTail">The last lines of the run's log.</param>
/// <param name="RunLink">The run's page in the Studio, if it is served.</param>
/// <param name="At">When it happened.</param>
public sealed record Notification(
    NotificationKind Kind,
    string Schedule,
    string Workflow,
    string Parameters,
    DateTimeOffset FireTime,
    string? Task,
    string? Error,
    IReadOnlyList<string> LogTail,
    Uri? RunLink,
    DateTimeOffset At);
