using Cronos;
using Loader.Expressions;

namespace Loader.Scheduling.Schedules;

/// <summary>Which periods missed while no service ran are fired when it starts again.</summary>
public enum CatchUp
{
    /// <summary>Only the latest missed period; the earlier ones are recorded as skipped.</summary>
    Latest,

    /// <summary>Every missed period, oldest first, at most <see cref="Schedule.CatchUpLimit"/> of them (the latest ones).</summary>
    All,

    /// <summary>None: a period is fired only on time (within <see cref="Schedule.OnTime"/> of its fire time).</summary>
    None,
}

/// <summary>What a fire does while the previous run of its schedule still runs.</summary>
public enum Overlap
{
    /// <summary>It is recorded as skipped.</summary>
    Skip,

    /// <summary>It waits its turn and runs when the previous run ends.</summary>
    Queue,
}

/// <summary>
/// One entry of the <c>schedules:</c> section: a workflow run on a cron schedule in a time zone, with parameters written as
/// expressions over the fire time.
/// </summary>
public sealed record Schedule
{
    /// <summary>Its name, the key under <c>schedules:</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The workflow it runs.</summary>
    public required string Workflow { get; init; }

    /// <summary>Its cron expression as written.</summary>
    public required string Cron { get; init; }

    /// <summary>The parsed cron expression.</summary>
    public required CronExpression Expression { get; init; }

    /// <summary>The zone the cron expression is read in.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Each run's parameters: name to template over the fire (<c>${fire.date}</c>, <c>${fire.date - 30d}</c>).</summary>
    public required IReadOnlyDictionary<string, Template> Parameters { get; init; }

    /// <summary>Which missed periods are fired.</summary>
    public CatchUp CatchUp { get; init; } = CatchUp.Latest;

    /// <summary>The most missed periods fired at once under <see cref="CatchUp.All"/>.</summary>
    public int CatchUpLimit { get; init; } = 10;

    /// <summary>What a fire does while the previous run still runs.</summary>
    public Overlap Overlap { get; init; } = Overlap.Skip;

    /// <summary>Paused in configuration (the Studio and <c>loader schedules pause</c> pause in the state store).</summary>
    public bool Paused { get; init; }

    /// <summary>How often a run whose external data is missing checks again; null: it does not wait, it ends as missing data.</summary>
    public TimeSpan? WaitEvery { get; init; }

    /// <summary>How long after the fire time a run waits for its data at most.</summary>
    public TimeSpan WaitFor { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How long after its fire time a run must have succeeded, else people are told it is late; null: no deadline.</summary>
    public TimeSpan? CompleteWithin { get; init; }

    /// <summary>How late a period may still be fired under <see cref="CatchUp.None"/>.</summary>
    public static TimeSpan OnTime { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The fire times after <paramref name="after"/> up to <paramref name="until"/>, both in UTC, oldest first.</summary>
    public IEnumerable<DateTimeOffset> FiresBetween(DateTimeOffset after, DateTimeOffset until) =>
        Expression.GetOccurrences(after, until, TimeZone, false, true);

    /// <summary>The fire times after <paramref name="after"/> up to <paramref name="until"/>, newest first.</summary>
    public IEnumerable<DateTimeOffset> FiresBackFrom(DateTimeOffset until, DateTimeOffset after) =>
        Expression.GetOccurrencesDescending(until, after, TimeZone, true, false);

    /// <summary>The parameters of the run fired at <paramref name="fireTime"/>, rendered.</summary>
    public IReadOnlyDictionary<string, string> ArgumentsAt(DateTimeOffset fireTime) => Firing.FireScope.Arguments(this, fireTime);

    /// <summary>The first fire time after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? NextFire(DateTimeOffset after) => Expression.GetNextOccurrence(after, TimeZone);
}
