using Loader.Scheduling.Schedules;
using Loader.State;

namespace Loader.Scheduling;

/// <summary>What the scheduler works with.</summary>
/// <param name="Schedules">The schedules as configuration says now (re-read when configuration changes).</param>
/// <param name="State">The state store, open for the scheduler's life.</param>
/// <param name="Launcher">Starts runs (asked for when a run starts, so the Studio that shows the schedules can also run them).</param>
/// <param name="Alerts">Tells people what went wrong.</param>
/// <param name="Log">The service's log lines.</param>
/// <param name="Clock">The clock.</param>
public sealed record SchedulerServices(
    Func<IReadOnlyList<Schedule>> Schedules,
    IStateStore State,
    Func<IRunLauncher> Launcher,
    ScheduleAlerts Alerts,
    ServiceLog Log,
    TimeProvider Clock);
