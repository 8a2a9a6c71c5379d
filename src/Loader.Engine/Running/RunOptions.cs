namespace Loader.Running;

/// <summary>How a run executes its plan.</summary>
public sealed record RunOptions
{
    /// <summary>The shortest lease: renewal every third of it must leave the store time to answer, and a shorter one would spin.</summary>
    public static readonly TimeSpan MinimumLeaseTtl = TimeSpan.FromSeconds(1);

    /// <summary>How many tasks run at once, at least 1.</summary>
    public int Workers
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Workers), value, "a run needs at least one worker");
    } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How long a lease lasts unless renewed, at least <see cref="MinimumLeaseTtl"/>; renewed every third of it while the runner lives.</summary>
    public TimeSpan LeaseTtl
    {
        get;
        init => field = value >= MinimumLeaseTtl
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LeaseTtl), value, $"a lease lasts at least {MinimumLeaseTtl.TotalSeconds:0}s");
    } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to wait for tasks another runner holds (true) or report them as running elsewhere (false).</summary>
    public bool WaitForOthers { get; init; } = true;

    /// <summary>The folder attempt logs go to, one subfolder per run.</summary>
    public string LogFolder { get; init; } = Path.Combine(".loader", "logs");

    /// <summary>Who this runner is, for leases: <c>host:pid</c>.</summary>
    public string Runner { get; init; } = Steps.StepProcess.RunnerName;

    /// <summary>The date "today" means in step inputs; by default the one the graph was bound with.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The request's parameters as text, secrets masked, for the run record.</summary>
    public string Parameters { get; init; } = "";
}
