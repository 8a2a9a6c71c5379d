using Loader.Tasks;

namespace Loader.Planning;

/// <summary>The plan's decision for one task instance, and why.</summary>
public sealed record PlanEntry(TaskInstance Task, PlanDecision Decision, string Reason)
{
    /// <summary>Whether the run executes this instance.</summary>
    public bool WillRun => Decision is PlanDecision.Run or PlanDecision.Overwrite;
}
