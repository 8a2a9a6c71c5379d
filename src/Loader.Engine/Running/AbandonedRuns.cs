using Loader.State;

namespace Loader.Running;

/// <summary>Closes the history of runs whose runner on this host died (kill -9, a crash), so they do not stay "running" forever.</summary>
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
            var now = clock.GetUtcNow();
            var why = $"its runner ({run.Runner}) ended without finishing";
            var open = (await state.GetAttemptsAsync(run.Id, cancellationToken))
                .Where(a => a.Status == AttemptStatus.Running)
                .Select(a => a with { Status = AttemptStatus.Failed, Finished = now, Error = why })
                .ToList();
            if (open.Count > 0)
            {
                await state.RecordAttemptsAsync(open, cancellationToken);
            }
            await state.FinishRunAsync(run.Id, RunStatus.Abandoned, now, why, cancellationToken);
        }
    }
}
