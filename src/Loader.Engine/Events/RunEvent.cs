using Loader.Planning;
using Loader.Running;
using Loader.Tasks;

namespace Loader.Events;

/// <summary>Something that happened in a run, at a time. One stream of these feeds the console, the state store and the Studio.</summary>
public abstract record RunEvent(long RunId, DateTimeOffset At);

/// <summary>The run is planned and about to execute.</summary>
public sealed record RunStarted(long RunId, DateTimeOffset At, RunPlan Plan) : RunEvent(RunId, At);

/// <summary>An attempt started.</summary>
public sealed record TaskStarted(long RunId, DateTimeOffset At, TaskInstance Task, int Attempt, string LogPath) : RunEvent(RunId, At);

/// <summary>A running step reported progress.</summary>
public sealed record TaskProgress(long RunId, DateTimeOffset At, TaskInstance Task, string Message) : RunEvent(RunId, At);

/// <summary>An attempt succeeded and its outputs are in place.</summary>
public sealed record TaskSucceeded(long RunId, DateTimeOffset At, TaskInstance Task, int Attempt, DateTimeOffset Started, string? LogPath) : RunEvent(RunId, At);

/// <summary>
/// An attempt failed; <paramref name="WillRetry"/> tells whether another follows, <paramref name="DataMissing"/> that
/// the step found its external data not there yet (the task waits for data rather than being broken).
/// </summary>
public sealed record TaskFailed(long RunId, DateTimeOffset At, TaskInstance Task, int Attempt, DateTimeOffset Started, string Error, bool WillRetry, string? LogPath, bool DataMissing = false) : RunEvent(RunId, At);

/// <summary>An attempt was cancelled (Ctrl-C or the run's cancellation).</summary>
public sealed record TaskCancelled(long RunId, DateTimeOffset At, TaskInstance Task, int Attempt, DateTimeOffset Started, string? LogPath) : RunEvent(RunId, At);

/// <summary>A task was not executed by this run, and why (done by another worker, upstream failed...).</summary>
public sealed record TaskSkipped(long RunId, DateTimeOffset At, TaskInstance Task, TaskOutcome Outcome, string Reason) : RunEvent(RunId, At);

/// <summary>A line about the run as a whole, such as a placement's cluster changing state.</summary>
public sealed record RunNotice(long RunId, DateTimeOffset At, string Message) : RunEvent(RunId, At);

/// <summary>The run ended; <see cref="RunResult"/> has every outcome.</summary>
public sealed record RunFinished(long RunId, DateTimeOffset At, RunResult Result) : RunEvent(RunId, At);
