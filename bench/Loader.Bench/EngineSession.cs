using Loader.Configuration;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.State;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Bench;

/// <summary>The engine put together as <c>loader run</c> does (catalog, configuration, binder, planner, runner), over one synthetic pipeline.</summary>
internal sealed class EngineSession
{
    private readonly Dictionary<string, string> _arguments;

    private EngineSession(SyntheticPipeline pipeline, WorkflowCatalog catalog, LoaderConfiguration configuration)
    {
        Pipeline = pipeline;
        Catalog = catalog;
        Configuration = configuration;
        _arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["interval"] = pipeline.Interval };
    }

    public SyntheticPipeline Pipeline { get; }

    public WorkflowCatalog Catalog { get; }

    public LoaderConfiguration Configuration { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    public StepRegistry Steps { get; } = StepRegistry.WithBuiltIns();

    public ParameterParser Parser { get; } = new(TimeProvider.System);

    /// <summary>Reads the pipeline's workflow folder and configuration layers (no secret.yml, no environment).</summary>
    public static EngineSession Load(SyntheticPipeline pipeline)
    {
        var steps = StepRegistry.WithBuiltIns();
        var catalog = WorkflowCatalog.Load([pipeline.WorkflowFolder], steps);
        catalog.ThrowIfInvalid();
        var configuration = LoaderConfiguration.Load(
            new ConfigLayers(pipeline.ConfigFolder, [], new Dictionary<string, string?>(StringComparer.Ordinal)));
        return new EngineSession(pipeline, catalog, configuration);
    }

    public TaskGraph Bind() => new GraphBinder(Catalog, Configuration, Parser, Steps.ConfigSections).Bind(SyntheticPipeline.Workflow, _arguments);

    public Task<RunPlan> PlanAsync(TaskGraph graph, TargetStores targets, CancellationToken cancellationToken) =>
        new Planner(targets, Clock).PlanAsync(graph, new HashSet<string>(StringComparer.Ordinal), cancellationToken);

    public Task<RunResult> RunAsync(RunPlan plan, IStateStore state, TargetStores targets, IRunEventSink events, int workers, CancellationToken cancellationToken)
    {
        var services = new RunnerServices(state, Steps, targets, events, Clock, Configuration);
        var options = new RunOptions { Workers = workers, Today = Parser.Today, LogFolder = Pipeline.LogFolder };
        return new Runner(services, options).RunAsync(plan, cancellationToken);
    }
}
