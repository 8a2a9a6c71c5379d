namespace Loader.State;

/// <summary>How a run or an attempt ended.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Incomplete,

    /// <summary>Its runner died (killed, crashed) before it finished.</summary>
    Abandoned,
}

/// <summary>The state of one attempt of one task.</summary>
public enum AttemptStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>What is known when a run starts.</summary>
/// <param name="Workflow">The requested workflow.</param>
/// <param name="Parameters">The request's parameters as text, secrets masked.</param>
/// <param name="Runner">Who runs it: host, process id.</param>
/// <param name="Started">When it started.</param>
public sealed record RunStart(string Workflow, string Parameters, string Runner, DateTimeOffset Started);

/// <summary>A run as recorded.</summary>
public sealed record RunRecord(
    long Id,
    string Workflow,
    string Parameters,
    string Runner,
    RunStatus Status,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    string? Summary);

/// <summary>One attempt of one task instance in one run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="TaskKey">The task's stable key (<c>Family_hash</c>).</param>
/// <param name="Task">The task's readable identity.</param>
/// <param name="Family">The task's family.</param>
/// <param name="Attempt">The attempt number, from 1.</param>
/// <param name="Status">How it stands.</param>
/// <param name="Started">When it started.</param>
/// <param name="Finished">When it ended, if it did.</param>
/// <param name="Error">Why it failed, secrets masked.</param>
/// <param name="LogPath">Where its log is, if it wrote one.</param>
public sealed record AttemptRecord(
    long RunId,
    string TaskKey,
    string Task,
    string Family,
    int Attempt,
    AttemptStatus Status,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    string? Error,
    string? LogPath)
{
    /// <summary>How long it took, if it ended.</summary>
    public TimeSpan? Duration => Finished - Started;
}

/// <summary>Who asks for leases, for how long, and since when a success elsewhere counts.</summary>
/// <param name="Owner">The runner: <c>host:pid:run</c>.</param>
/// <param name="RunId">The asking run; its own attempts never count as done elsewhere.</param>
/// <param name="Expires">When the lease lapses unless renewed.</param>
/// <param name="Now">The current time, from the runner's clock.</param>
/// <param name="SucceededAfter">A success recorded after this time, in another run, means the task is done.</param>
public sealed record LeaseRequest(string Owner, long RunId, DateTimeOffset Expires, DateTimeOffset Now, DateTimeOffset SucceededAfter);

/// <summary>What became of one lease request.</summary>
public enum LeaseOutcome
{
    Acquired,
    Held,
    CompletedElsewhere,
}

/// <summary>The outcome for one task; <paramref name="Holder"/> names the owner of a live lease.</summary>
public sealed record LeaseResult(string TaskKey, LeaseOutcome Outcome, string? Holder = null);

/// <summary>A request to cancel a run, kept in the state store so that the runner running it stops it, whichever process asked.</summary>
/// <param name="RunId">The run to cancel.</param>
/// <param name="RequestedBy">Who asked: the Studio or <c>loader cancel</c>, and its host and process.</param>
/// <param name="Requested">When.</param>
public sealed record CancelRequest(long RunId, string RequestedBy, DateTimeOffset Requested);

/// <summary>A task's lease as stored: who runs it (<c>host:pid:run</c>) and until when, unless renewed.</summary>
/// <param name="TaskKey">The task's stable key.</param>
/// <param name="Owner">The runner holding it, <c>host:pid:run</c>.</param>
/// <param name="Expires">When it lapses unless renewed.</param>
public sealed record LeaseRecord(string TaskKey, string Owner, DateTimeOffset Expires);
