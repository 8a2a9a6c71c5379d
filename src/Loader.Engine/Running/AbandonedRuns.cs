using Loader.State;

namespace Loader.Running;

/// <summary>
/// Closes the history of runs whose runner on this host died (kill -9, a crash), so they do not stay "running" forever,
/// and kills the step processes such a runner left.
/// </summary>
internal static class AbandonedRuns
{
    private const int Recent = 200;

    public static async Task MarkAsync(IStateStore state, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var run in await state.ListRunsAsync(null, Recent, cancellationToken))
        {
            if (run.Status != RunStatus.Running || !LeaseHolders.IsDeadLocalProcess(run.Runner))
            {
                continue;
            }
            // Whatever its steps left running is stopped first; a lease still held by it is checked again when broken.
            await OrphanedSteps.StopAsync(run.Runner, cancellationToken);
            await CloseAsync(state, run.Id, RunStatus.Abandoned, $"its runner ({run.Runner}) ended without finishing", clock.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Ends run <paramref name="runId"/> as <paramref name="status"/>, its attempts still running failed, both with <paramref name="why"/>.</summary>
    public static async Task CloseAsync(IStateStore state, long runId, RunStatus status, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = (await state.GetAttemptsAsync(runId, cancellationToken))
            .Where(a => a.Status == AttemptStatus.Running)
            .Select(a => a with { Status = AttemptStatus.Failed, Finished = now, Error = why })
            .ToList();
        if (open.Count > 0)
        {
            await state.RecordAttemptsAsync(open, cancellationToken);
        }
        await state.FinishRunAsync(runId, status, now, why, cancellationToken);
    }
}
