using System.Collections.Concurrent;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.Scheduling;
using Loader.Studio.Monitoring;
using Loader.Studio.Security;
using Loader.Studio.Workbench;
using Microsoft.Extensions.Hosting;

namespace Loader.Studio.Runs;

/// <summary>Runs started from the Studio: each one executes in the background, its events kept for live listeners.</summary>
internal sealed class StudioRuns(StudioWorkbench workbench, StudioSecrets secrets, RunMetrics metrics, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<long, LiveRun> _live = new();
    private readonly ConcurrentBag<Task> _running = [];

    /// <summary>The live run with id <paramref name="runId"/>, or null when it was not started here.</summary>
    public LiveRun? Find(long runId) => _live.GetValueOrDefault(runId);

    /// <summary>Starts executing <paramref name="plan"/>; returns once the state store has the run, with its id and its end.</summary>
    public async Task<LaunchedRun> StartAsync(RunPlan plan)
    {
        var options = workbench.Options;
        var live = new LiveRun(secrets);
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(live.Cancellation.Token, lifetime.ApplicationStopping);
        var runOptions = new RunOptions
        {
            Workers = options.Workers,
            LeaseTtl = options.LeaseTtl,
            Today = options.Parameters.Today,
            LogFolder = options.LogFolder,
            Parameters = secrets.Mask(plan.Graph.DescribeParameters()),
        };
        var execution = Task.Run(async () =>
        {
            try
            {
                await using var state = await options.OpenState(stopping.Token);
                var services = new RunnerServices(state, options.Steps, options.Targets, new RunEventFanOut(metrics, live), options.Clock, options.Configuration());
                var result = await new Runner(services, runOptions).RunAsync(plan, stopping.Token);
                live.Close();
                return result;
            }
            catch (Exception e)
            {
                live.Close(e);
                throw;
            }
            finally
            {
                stopping.Dispose();
            }
        });
        _running.Add(execution);
        var runId = await live.Started.Task;
        _live[runId] = live;
        return new LaunchedRun(runId, execution);
    }

    /// <summary>Waits for every run started here to end (they are cancelled when the Studio stops); how each ended is its starter's concern.</summary>
    public async Task DrainAsync() => await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
