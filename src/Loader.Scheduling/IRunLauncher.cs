using Loader.Running;

namespace Loader.Scheduling;

/// <summary>Starts the runs that schedules fire: bound, planned and executed where the service shows its runs.</summary>
public interface IRunLauncher
{
    /// <summary>
    /// Binds <paramref name="workflow"/> with <paramref name="arguments"/>, plans it and starts executing it; returns once the
    /// run is recorded. Throws <see cref="ArgumentException"/> or a workflow error when the request does not bind.
    /// </summary>
    Task<LaunchedRun> StartAsync(string workflow, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken);
}

/// <summary>A run that has started: its id in the state store, and its end.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Completion">Ends with the run's result (or its exception) when the run ends.</param>
public sealed record LaunchedRun(long RunId, Task<RunResult> Completion);
