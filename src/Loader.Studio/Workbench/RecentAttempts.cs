using Loader.State;

namespace Loader.Studio.Workbench;

/// <summary>
/// The latest recorded attempt of each task of a workflow, from its recent runs: lets the grid show a day that failed
/// last time as failed rather than merely missing.
/// </summary>
internal static class RecentAttempts
{
    /// <summary>How many of the workflow's latest runs are read.</summary>
    public const int Runs = 20;

    public static async Task<IReadOnlyDictionary<string, AttemptRecord>> ReadAsync(IStateStore state, string workflow, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, AttemptRecord>(StringComparer.Ordinal);
        foreach (var run in await state.ListRunsAsync(workflow, Runs, cancellationToken))
        {
            foreach (var attempt in await state.GetAttemptsAsync(run.Id, cancellationToken))
            {
                if (!latest.TryGetValue(attempt.TaskKey, out var known) || attempt.Started > known.Started)
                {
                    latest[attempt.TaskKey] = attempt;
                }
            }
        }
        return latest;
    }
}
