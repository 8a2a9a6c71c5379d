namespace Loader.State;

/// <summary>How one fire of a schedule stands.</summary>
public enum FireStatus
{
    /// <summary>Recorded, waiting for the previous run of its schedule to end.</summary>
    Queued,

    /// <summary>Its run is executing.</summary>
    Running,

    /// <summary>Its run found external data missing; it checks again until the schedule's deadline.</summary>
    Waiting,

    Succeeded,
    Failed,

    /// <summary>External data was still missing at the deadline.</summary>
    MissingData,

    /// <summary>Not run: the previous run of its schedule was still running, or catch-up passed over it.</summary>
    Skipped,

    Cancelled,
}

/// <summary>
/// One fire of a schedule, recorded under (<paramref name="Schedule"/>, <paramref name="FireTime"/>) before its run starts, so
/// that several service processes sharing a store fire each period once.
/// </summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="FireTime">The period's fire time (UTC; unique per schedule).</param>
/// <param name="Owner">The service process that drives it: <c>host:pid</c>.</param>
/// <param name="Status">How it stands.</param>
/// <param name="RunId">The latest run it started, if any.</param>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="Heartbeat">When its owner last said it is alive.</param>
/// <param name="Finished">When it ended, if it did.</param>
/// <param name="Note">Why it ended so, or what it waits for (secrets masked).</param>
public sealed record FireRecord(
    string Schedule,
    DateTimeOffset FireTime,
    string Owner,
    FireStatus Status,
    long? RunId,
    DateTimeOffset Recorded,
    DateTimeOffset Heartbeat,
    DateTimeOffset? Finished,
    string? Note)
{
    /// <summary>Whether it has ended (succeeded, failed, missing data, skipped or cancelled).</summary>
    public bool Ended => Status is not (FireStatus.Queued or FireStatus.Running or FireStatus.Waiting);
}
