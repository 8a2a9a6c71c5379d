using Loader.Scheduling.Schedules;

namespace Loader.Scheduling.Firing;

/// <summary>Which periods of a schedule are due now, and which of them its catch-up policy fires or passes over.</summary>
internal static class DueFires
{
    /// <summary>
    /// The periods after <paramref name="after"/> up to <paramref name="now"/>, oldest first, each with whether it is fired
    /// (<c>true</c>) or recorded as skipped. At most <see cref="Schedule.CatchUpLimit"/> + 1 periods are looked at, so a long
    /// outage of a frequent schedule costs nothing.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset FireTime, bool Fire)> Decide(Schedule schedule, DateTimeOffset after, DateTimeOffset now)
    {
        var newestFirst = schedule.FiresBackFrom(now, after).Take(schedule.CatchUpLimit + 1).ToList();
        var decided = newestFirst.Select((time, index) => (time, schedule.CatchUp switch
        {
            CatchUp.All => index < schedule.CatchUpLimit,
            CatchUp.Latest => index == 0,
            _ => index == 0 && now - time <= Schedule.OnTime,
        })).ToList();
        decided.Reverse();
        return decided;
    }
}
