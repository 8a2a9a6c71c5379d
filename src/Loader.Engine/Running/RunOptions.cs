namespace Loader.Running;

/// <summary>How a run executes its plan.</summary>
public sealed record RunOptions
{
    /// <summary>How many tasks run at once.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How long a lease lasts unless renewed; renewed every third of it while the runner lives.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to wait for tasks another runner holds (true) or report them as running elsewhere (false).</summary>
    public bool WaitForOthers { get; init; } = true;

    /// <summary>The folder attempt logs go to, one subfolder per run.</summary>
    public string LogFolder { get; init; } = Path.Combine(".loader", "logs");

    /// <summary>Who this runner is, for leases: <c>host:pid</c>.</summary>
    public string Runner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The date "today" means in step inputs; by default the one the graph was bound with.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The request's parameters as text, secrets masked, for the run record.</summary>
    public string Parameters { get; init; } = "";
}
