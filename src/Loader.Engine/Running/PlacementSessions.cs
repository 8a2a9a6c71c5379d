using Loader.Events;
using Loader.Steps;

namespace Loader.Running;

/// <summary>The placements one run has readied: each opened once, by the first task that runs there, and all closed when the run ends.</summary>
internal sealed class PlacementSessions(RunnerServices services, long runId, SecretMasker masker, CancellationToken runCancelled) : IAsyncDisposable
{
    private readonly Dictionary<string, Task<IPlacementSession>> _opened = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The session of <paramref name="name"/>, opening it on first use; null for <c>local</c>.</summary>
    public async Task<IPlacementSession?> ForAsync(string name, CancellationToken attemptCancelled)
    {
        if (services.Steps.Placement(name) is not { } placement)
        {
            return null;
        }
        Task<IPlacementSession> session;
        lock (_gate)
        {
            if (!_opened.TryGetValue(name, out session!))
            {
                // On the pool, so a placement that throws before its first await fails like one that throws later: once, for every task that needs it.
                var context = new PlacementContext(runId, services.Configuration.Root, services.Clock, Notice);
                session = Task.Run(() => placement.OpenAsync(context, runCancelled), CancellationToken.None);
                _opened[name] = session;
            }
        }
        return await session.WaitAsync(attemptCancelled);
    }

    /// <summary>Releases every placement that was readied; a failure to release is reported, never thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        List<KeyValuePair<string, Task<IPlacementSession>>> opened;
        lock (_gate)
        {
            opened = [.. _opened];
        }
        foreach (var (name, opening) in opened)
        {
            try
            {
                await (await opening).DisposeAsync();
            }
            catch (Exception e) when (opening.IsCompletedSuccessfully)
            {
                Notice($"{name}: could not release: {e.Message}");
            }
            catch (Exception)
            {
                // It never opened; the tasks that needed it failed with the reason.
            }
        }
    }

    private void Notice(string message) => services.Events.Emit(new RunNotice(runId, services.Clock.GetUtcNow(), masker.Mask(message)));
}
