using Loader.State;

namespace Loader.Running;

/// <summary>What became of a request to cancel a run.</summary>
public enum CancelOutcome
{
    /// <summary>No such run in the history.</summary>
    Unknown,

    /// <summary>The run had already ended.</summary>
    Ended,

    /// <summary>The request is recorded; the run's runner stops it at its next look.</summary>
    Requested,

    /// <summary>A request was already recorded and stands.</summary>
    AlreadyRequested,

    /// <summary>The run's runner on this host had died, so the run was closed as abandoned here and then.</summary>
    Closed,
}

/// <summary>The outcome of a request to cancel, and the run as it stood.</summary>
/// <param name="Outcome">What became of the request.</param>
/// <param name="Run">The run, when there is one.</param>
public sealed record CancelAnswer(CancelOutcome Outcome, RunRecord? Run);

/// <summary>
/// Cancels any run, whichever process started it: the request goes into the state store, and the runner that runs it
/// (which asks while it runs, see <see cref="Runner"/>) stops it as Ctrl-C does.
/// </summary>
public static class RunCancellation
{
    /// <summary>Asks for run <paramref name="runId"/> to be cancelled on behalf of <paramref name="requestedBy"/>.</summary>
    public static async Task<CancelAnswer> RequestAsync(IStateStore state, long runId, string requestedBy, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(clock);
        if (await state.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return new CancelAnswer(CancelOutcome.Unknown, null);
        }
        if (run.Status != RunStatus.Running)
        {
            return new CancelAnswer(CancelOutcome.Ended, run);
        }
        if (LeaseHolders.IsDeadLocalProcess(run.Runner))
        {
            // Nobody would ever read the request: close the run now, as the next run would.
            await OrphanedSteps.StopAsync(run.Runner, cancellationToken);
            await AbandonedRuns.CloseAsync(state, runId, RunStatus.Abandoned,
                $"its runner ({run.Runner}) ended without finishing; closed when {requestedBy} asked to cancel it", clock.GetUtcNow(), cancellationToken);
            return new CancelAnswer(CancelOutcome.Closed, run);
        }
        var recorded = await state.RequestCancelAsync(new CancelRequest(runId, requestedBy, clock.GetUtcNow()), cancellationToken);
        return new CancelAnswer(recorded ? CancelOutcome.Requested : CancelOutcome.AlreadyRequested, run);
    }
}
