using Loader.Planning;
using Loader.State;
using Loader.Tasks;

namespace Loader.Running;

/// <summary>How a run ended: the outcome of every task instance it needed.</summary>
public sealed class RunResult(long runId, RunPlan plan, IReadOnlyDictionary<TaskInstance, (TaskOutcome Outcome, string Reason)> outcomes)
{
    /// <summary>The run's id in the state store.</summary>
    public long RunId { get; } = runId;

    /// <summary>The plan that was executed.</summary>
    public RunPlan Plan { get; } = plan;

    /// <summary>Each needed instance's outcome and its reason.</summary>
    public IReadOnlyDictionary<TaskInstance, (TaskOutcome Outcome, string Reason)> Outcomes { get; } = outcomes;

    /// <summary>How many instances had <paramref name="outcome"/>.</summary>
    public int Count(TaskOutcome outcome) => Outcomes.Values.Count(o => o.Outcome == outcome);

    /// <summary>The process exit code: 0 when everything requested is complete, else the most serious category's code.</summary>
    public int ExitCode =>
        Count(TaskOutcome.Cancelled) > 0 ? ExitCodes.Cancelled
        : Count(TaskOutcome.Failed) > 0 ? ExitCodes.TaskFailed
        : Count(TaskOutcome.MissingExternalData) > 0 ? ExitCodes.MissingExternalData
        : Count(TaskOutcome.RunningElsewhere) > 0 ? ExitCodes.RunningElsewhere
        : Count(TaskOutcome.UpstreamFailed) > 0 ? ExitCodes.TaskFailed
        : ExitCodes.Success;

    /// <summary>The run's status as recorded: succeeded, cancelled, failed, or incomplete (data missing, running elsewhere).</summary>
    public RunStatus Status => ExitCode switch
    {
        ExitCodes.Success => RunStatus.Succeeded,
        ExitCodes.Cancelled => RunStatus.Cancelled,
        ExitCodes.TaskFailed => RunStatus.Failed,
        _ => RunStatus.Incomplete,
    };
}
