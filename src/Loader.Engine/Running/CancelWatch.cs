using Loader.Events;

namespace Loader.Running;

/// <summary>
/// Asks the state store, while a run goes, whether someone asked to cancel it (the Studio of another process,
/// <c>loader cancel</c>), and cancels the run as Ctrl-C does when so.
/// </summary>
internal static class CancelWatch
{
    /// <summary>How often the store is asked: a third of the lease time, as leases are renewed, but at least every 2 s.</summary>
    public static TimeSpan Every(TimeSpan leaseTtl) => TimeSpan.FromMilliseconds(Math.Clamp(leaseTtl.TotalMilliseconds / 3, 200, 2_000));

    /// <summary>Polls for a request to cancel <paramref name="runId"/> until one comes (then cancels <paramref name="run"/>) or <paramref name="stop"/>.</summary>
    public static async Task WatchAsync(RunnerServices services, long runId, TimeSpan every, CancellationTokenSource run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, services.Clock, stop);
                if (await services.State.GetCancelRequestAsync(runId, stop) is { } request)
                {
                    services.Events.Emit(new RunNotice(runId, services.Clock.GetUtcNow(), $"cancelling: {request.RequestedBy} asked to cancel this run"));
                    await run.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A busy or briefly unreachable store: ask again at the next turn.
            }
        }
    }
}
