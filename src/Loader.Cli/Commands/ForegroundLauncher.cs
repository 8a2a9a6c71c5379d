using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Events;
using Loader.Planning;
using Loader.Tasks;
using Loader.Running;
using Loader.Scheduling;
using Loader.State;

namespace Loader.Cli.Commands;

/// <summary>Starts a schedule's run in this process, reported on the console as <c>loader run</c> reports.</summary>
internal sealed class ForegroundLauncher(LoaderHost host, IStateStore state) : IRunLauncher
{
    private readonly Dictionary<long, Task<RunResult>> _runs = [];

    public async Task<LaunchedRun> StartAsync(string workflow, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var graph = new GraphBinder(host.LoadWorkflows(), host.Configuration, host.Parameters, host.Steps.ConfigSections).Bind(workflow, arguments);
        foreach (var secret in graph.SecretValues())
        {
            host.Configuration.Secrets.Add(secret);
        }
        var plan = await new Planner(host.Targets, host.Clock).PlanAsync(graph, [], cancellationToken);
        var reporter = ConsoleRunReporter.Create(host.Output, host.Verbose);
        var started = new StartedSink(reporter);
        var services = new RunnerServices(state, host.Steps, host.Targets, started, host.Clock, host.Configuration);
        var options = new RunOptions
        {
            Workers = host.Workers,
            LeaseTtl = host.LeaseTtl,
            Today = host.Parameters.Today,
            Parameters = host.Configuration.Secrets.Mask(graph.DescribeParameters()),
            LogFolder = host.LogFolder,
        };
        var completion = Task.Run(async () =>
        {
            var result = await reporter.WrapAsync(() => new Runner(services, options).RunAsync(plan, cancellationToken));
            reporter.Finish(result);
            return result;
        }, CancellationToken.None);
        var runId = await Task.WhenAny(started.RunId.Task, completion) == completion ? (await completion).RunId : await started.RunId.Task;
        _runs[runId] = completion;
        return new LaunchedRun(runId, completion);
    }

    /// <summary>The exit code of a run started here, as <c>loader run</c> would end.</summary>
    public int ExitCodeOf(long runId) => _runs[runId].IsCompletedSuccessfully ? _runs[runId].Result.ExitCode : ExitCodes.TaskFailed;

    /// <summary>Passes every event on, noting the run's id when it starts.</summary>
    private sealed class StartedSink(IRunEventSink inner) : IRunEventSink
    {
        public TaskCompletionSource<long> RunId { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Emit(RunEvent runEvent)
        {
            if (runEvent is RunStarted started)
            {
                RunId.TrySetResult(started.RunId);
            }
            inner.Emit(runEvent);
        }
    }
}
