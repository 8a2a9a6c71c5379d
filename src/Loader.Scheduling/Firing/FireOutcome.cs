using Loader.Running;
using Loader.State;

namespace Loader.Scheduling.Firing;

/// <summary>How a fired run ended, in a fire's terms, with the failing task and its reason when one failed.</summary>
/// <param name="Status">Succeeded, Failed, Cancelled, or Waiting when external data is missing.</param>
/// <param name="Task">The first task that failed or found its data missing, if any.</param>
/// <param name="Reason">Why, in one line.</param>
internal sealed record FireOutcome(FireStatus Status, string? Task, string? Reason)
{
    /// <summary>The outcome of a run that ended with <paramref name="result"/>.</summary>
    public static FireOutcome Of(RunResult result)
    {
        var status = result.ExitCode switch
        {
            ExitCodes.Success => FireStatus.Succeeded,
            ExitCodes.MissingExternalData => FireStatus.Waiting,
            ExitCodes.Cancelled => FireStatus.Cancelled,
            _ => FireStatus.Failed,
        };
        var wanted = status == FireStatus.Waiting ? TaskOutcome.MissingExternalData : TaskOutcome.Failed;
        var failing = result.Outcomes.Where(o => o.Value.Outcome == wanted)
            .Concat(result.Outcomes.Where(o => o.Value.Outcome is TaskOutcome.RunningElsewhere or TaskOutcome.Cancelled or TaskOutcome.UpstreamFailed))
            .Select(o => (Task: o.Key.Id.Text, o.Value.Reason))
            .FirstOrDefault();
        return new FireOutcome(status, failing.Task, failing.Reason ?? ExecutionSummary.Counts(result));
    }

    /// <summary>The outcome of a run that could not start or that threw.</summary>
    public static FireOutcome Broken(Exception error) => new(FireStatus.Failed, null, error.Message);

    /// <summary>One line for the fire's note.</summary>
    public string Note => Task is null ? Reason ?? "" : $"{Task}: {Reason}";
}
