using System.Collections.Concurrent;
using Loader.Configuration;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.S3.Targets;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Emr.Tests.Support;

/// <summary>Plans and runs workflows as <c>loader run</c> does, with <c>emr.step</c> and placements local and emr.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 1, 20);

    private readonly List<SqliteStateStore> _states = [];

    public EngineHarness(Dictionary<string, string> config)
    {
        Settings = config;
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Data);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-emr-engine", Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(Root, "data");

    /// <summary>Configuration keys (<c>emr:terminate</c>...), read at each run.</summary>
    public Dictionary<string, string> Settings { get; }

    public StepRegistry Steps { get; } = StepRegistry.WithBuiltIns().AddEmrSteps();

    public ConcurrentQueue<string> Failures { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<string> Notices { get; } = new();

    public void WriteWorkflow(string fileName, string yaml) => File.WriteAllText(Path.Combine(Root, "workflows", fileName), yaml);

    public LoaderConfiguration Configuration()
    {
        var environment = Settings.ToDictionary(e => "LOADER_" + e.Key.Replace(":", "__", StringComparison.Ordinal), e => (string?)e.Value);
        environment["LOADER_data_dir"] = Data;
        return LoaderConfiguration.Load(new ConfigLayers(Path.Combine(Root, "config"), [], environment));
    }

    public async Task<RunResult> RunAsync(string workflow, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken = default)
    {
        var catalog = WorkflowCatalog.Load([Path.Combine(Root, "workflows")], Steps);
        Assert.Empty(catalog.Problems);
        var configuration = Configuration();
        var targets = TargetStores.Local().AddS3(configuration.Root);
        var graph = new GraphBinder(catalog, configuration, new ParameterParser(TimeProvider.System, Today), Steps.ConfigSections).Bind(workflow, arguments);
        var plan = await new Planner(targets, TimeProvider.System).PlanAsync(graph, [], cancellationToken);
        var state = new SqliteStateStore(Path.Combine(Root, "state.db"));
        _states.Add(state);
        await state.InitializeAsync(cancellationToken);
        var options = new RunOptions
        {
            Workers = 2,
            LeaseTtl = TimeSpan.FromSeconds(10),
            LogFolder = Path.Combine(Root, "logs"),
            Runner = "emr-tests",
            Today = Today,
        };
        var services = new RunnerServices(state, Steps, targets, new Sink(this), TimeProvider.System, configuration);
        return await new Runner(services, options).RunAsync(plan, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var state in _states)
        {
            await state.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Sink(EngineHarness harness) : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
            harness.Events.Enqueue(runEvent.ToString() ?? "");
            if (runEvent is RunNotice notice)
            {
                harness.Notices.Enqueue(notice.Message);
            }
            if (runEvent is TaskFailed failed)
            {
                harness.Failures.Enqueue($"{failed.Task.Id.Text}: {failed.Error}");
            }
        }
    }
}
