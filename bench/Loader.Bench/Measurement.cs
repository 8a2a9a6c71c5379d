namespace Loader.Bench;

/// <summary>What one child process measured, in milliseconds and megabytes; written to the parent as one JSON line.</summary>
internal sealed record Measurement
{
    public required Phase Phase { get; init; }

    public required int Instances { get; init; }

    public required int Workers { get; init; }

    /// <summary>Reading the workflow files and the configuration layers.</summary>
    public double LoadMs { get; init; }

    public double BindMs { get; init; }

    public double PlanMs { get; init; }

    /// <summary>Of <see cref="PlanMs"/>: the bulk existence check alone, timed again after the plan.</summary>
    public double ExistenceCheckMs { get; init; }

    public double RunMs { get; init; }

    /// <summary>All-complete phase only: bind and plan once more in the same process, with JIT and caches warm.</summary>
    public double WarmBindMs { get; init; }

    /// <summary>All-complete phase only: see <see cref="WarmBindMs"/>.</summary>
    public double WarmPlanMs { get; init; }

    /// <summary>Load, bind, plan and run, in the process; runtime start-up excluded.</summary>
    public double TotalMs => LoadMs + BindMs + PlanMs + RunMs;

    /// <summary>The child process from start to exit, as the parent saw it.</summary>
    public double ProcessMs { get; init; }

    public double PeakWorkingSetMb { get; init; }

    public double AllocatedMb { get; init; }

    /// <summary>Time the process was paused for garbage collection (<see cref="GC.GetTotalPauseDuration"/>).</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Time spent compiling methods (<see cref="System.Runtime.JitInfo.GetCompilationTime"/>), on any thread.</summary>
    public double JitMs { get; init; }

    public int Gen0 { get; init; }

    public int Gen1 { get; init; }

    public int Gen2 { get; init; }

    /// <summary>Plan entries that run (cold) or that the plan decided at all (complete).</summary>
    public int Planned { get; init; }

    public int Succeeded { get; init; }

    public int ExitCode { get; init; }
}
