using Loader.State;

namespace Loader.Scheduling;

/// <summary>
/// The history retention of <c>loader serve</c>: while <c>history.keep</c> is set, it prunes what ended longer ago than that
/// when the service starts and once a day after, and says in the service log what went. Several services sharing a store
/// may each prune: what one removed the next finds gone.
/// </summary>
/// <param name="state">The state store.</param>
/// <param name="keep">How long to keep history, as configuration says now; null keeps it all.</param>
/// <param name="log">The service's log.</param>
/// <param name="clock">The clock.</param>
public sealed class HistoryRetention(IStateStore state, Func<TimeSpan?> keep, ServiceLog log, TimeProvider clock)
{
    /// <summary>How often the history is pruned.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Prunes now and every <see cref="Every"/> until <paramref name="stopping"/> is cancelled; a failed prune is logged and tried again a day later.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await PruneAsync(stopping);
            try
            {
                await Task.Delay(Every, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PruneAsync(CancellationToken stopping)
    {
        try
        {
            if (keep() is not { } age)
            {
                return;
            }
            var before = clock.GetUtcNow() - age;
            var pruned = await state.PruneHistoryAsync(before, dryRun: false, stopping);
            log.Info("prune", $"history.keep {Parameters.Durations.Format(age)}: {pruned.Describe(before, dryRun: false)}",
                ("runs_removed", pruned.RunsRemoved), ("attempts_removed", pruned.AttemptsRemoved), ("fires_removed", pruned.FiresRemoved),
                ("log_files_removed", pruned.LogFilesRemoved), ("log_bytes_removed", pruned.LogBytesRemoved));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.Warn("prune", $"pruning the history failed; trying again in {Parameters.Durations.Format(Every)}: {e.Message}");
        }
    }
}
