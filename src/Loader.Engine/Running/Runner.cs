using Loader.Events;
using Loader.Planning;
using Loader.State;
using Loader.Steps;

namespace Loader.Running;

/// <summary>
/// Executes a plan: ready tasks in dependency order, up to <see cref="RunOptions.Workers"/> at once, each under a lease
/// in the state store so that no two runners execute one task; a failure stops only what depends on it.
/// </summary>
public sealed class Runner(RunnerServices services, RunOptions options)
{
    /// <summary>Records the run, executes <paramref name="plan"/> and returns every needed task's outcome.</summary>
    public async Task<RunResult> RunAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        var owner = options.Runner;
        await AbandonedRuns.MarkAsync(services.State, services.Clock, cancellationToken);
        var runId = await services.State.StartRunAsync(
            new RunStart(plan.Graph.Root.Workflow.Name, options.Parameters, owner, services.Clock.GetUtcNow()), CancellationToken.None);
        services.Events.Emit(new RunStarted(runId, services.Clock.GetUtcNow(), plan));
        var masker = Masker(plan);
        IReadOnlyDictionary<Tasks.TaskInstance, (TaskOutcome, string)> outcomes;
        // A request to cancel from another process, through the store, stops the run as Ctrl-C does.
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopWatching = new CancellationTokenSource();
        var watching = CancelWatch.WatchAsync(services, runId, CancelWatch.Every(options.LeaseTtl), cancelled, stopWatching.Token);
        try
        {
            await using var placements = new PlacementSessions(services, runId, masker, cancelled.Token);
            var execution = new RunExecution(services, options with { Runner = $"{owner}:{runId}" }, plan, runId, masker, placements);
            outcomes = await execution.ExecuteAsync(cancelled.Token);
        }
        catch (StateStoreException e)
        {
            await CloseAfterStoreFailureAsync(runId, e);
            throw;
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching;
        }
        var result = new RunResult(runId, plan, outcomes);
        var summary = ExecutionSummary.Counts(result);
        await services.State.FinishRunAsync(runId, result.Status, services.Clock.GetUtcNow(), summary, CancellationToken.None);
        services.Events.Emit(new RunFinished(runId, services.Clock.GetUtcNow(), result));
        return result;
    }

    /// <summary>
    /// Records the run as failed when the store fails mid-run, if it still can (a locked store may be free again); when it cannot,
    /// this process ends and the next runner closes the run as abandoned.
    /// </summary>
    private async Task CloseAfterStoreFailureAsync(long runId, StateStoreException failure)
    {
        try
        {
            await AbandonedRuns.CloseAsync(services.State, runId, RunStatus.Failed, $"the state store failed: {failure.Message}", services.Clock.GetUtcNow(), CancellationToken.None);
        }
        catch (StateStoreException)
        {
            // The store is still unusable: the first failure is the one to report.
        }
    }

    private SecretMasker Masker(RunPlan plan)
    {
        var masker = services.Configuration.Secrets;
        foreach (var secret in plan.Graph.SecretValues())
        {
            masker.Add(secret);
        }
        return masker;
    }
}
