using System.Collections.Concurrent;
using Loader.Configuration;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.S3.Steps;
using Loader.S3.Targets;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.S3.Tests.Support;

/// <summary>
/// Plans and runs workflows as <c>loader run</c> does: workflow files in a temporary folder, layered configuration
/// pointing at the test server, the S3 steps and stores, a SQLite state store and the engine's Planner and Runner.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>The "today" of every run.</summary>
    public static readonly DateOnly Today = new(2026, 1, 20);

    private readonly S3rverServer _server;
    private readonly List<SqliteStateStore> _states = [];

    public EngineHarness(S3rverServer server)
    {
        _server = server;
        Store = server.NewStore();
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Data);
        Steps = StepRegistry.WithBuiltIns().AddS3Steps(Connections);
        Targets = TargetStores.Local().Add(Store);
    }

    /// <summary>The temporary folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-s3-engine", Guid.NewGuid().ToString("N"));

    /// <summary>Local data: <c>${config.data_dir}</c>.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>The S3 target store the planner and runner use; its counter sees their requests.</summary>
    public S3TargetStore Store { get; }

    /// <summary>The clients of the S3 steps; its counter sees the steps' requests.</summary>
    public S3Connections Connections { get; } = new();

    /// <summary>The built-in steps and the S3 steps.</summary>
    public StepRegistry Steps { get; }

    /// <summary>Local files and S3.</summary>
    public TargetStores Targets { get; }

    /// <summary>Errors of failed attempts, for assertion messages.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Writes a workflow file.</summary>
    public void WriteWorkflow(string fileName, string yaml) => File.WriteAllText(Path.Combine(Root, "workflows", fileName), yaml);

    /// <summary>The configuration: data_dir and the s3 section, given as LOADER_ environment variables.</summary>
    public LoaderConfiguration Configuration()
    {
        var environment = _server.ConfigurationKeys.ToDictionary(e => "LOADER_" + e.Key.Replace(":", "__", StringComparison.Ordinal), e => (string?)e.Value);
        environment["LOADER_data_dir"] = Data;
        return LoaderConfiguration.Load(new ConfigLayers(Path.Combine(Root, "config"), [], environment));
    }

    /// <summary>Binds and plans <paramref name="workflow"/>.</summary>
    public async Task<RunPlan> PlanAsync(string workflow, IReadOnlyDictionary<string, string> arguments)
    {
        var catalog = WorkflowCatalog.Load([Path.Combine(Root, "workflows")], Steps);
        Assert.Empty(catalog.Problems);
        var graph = new GraphBinder(catalog, Configuration(), new ParameterParser(TimeProvider.System, Today), Steps.ConfigSections)
            .Bind(workflow, arguments);
        return await new Planner(Targets, TimeProvider.System).PlanAsync(graph, [], CancellationToken.None);
    }

    /// <summary>Runs <paramref name="plan"/> with a fresh state store object.</summary>
    public async Task<RunResult> RunAsync(RunPlan plan)
    {
        var state = new SqliteStateStore(Path.Combine(Root, "state.db"));
        _states.Add(state);
        await state.InitializeAsync(CancellationToken.None);
        var options = new RunOptions
        {
            Workers = 2,
            LeaseTtl = TimeSpan.FromSeconds(10),
            LogFolder = Path.Combine(Root, "logs"),
            Runner = "s3-tests",
            Today = Today,
        };
        var services = new RunnerServices(state, Steps, Targets, new FailureSink(Failures), TimeProvider.System, Configuration());
        return await new Runner(services, options).RunAsync(plan, CancellationToken.None);
    }

    /// <summary>Plans and runs <paramref name="workflow"/>.</summary>
    public async Task<RunResult> RunAsync(string workflow, IReadOnlyDictionary<string, string> arguments) =>
        await RunAsync(await PlanAsync(workflow, arguments));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var state in _states)
        {
            await state.DisposeAsync();
        }
        Store.Dispose();
        Connections.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class FailureSink(ConcurrentQueue<string> failures) : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
            if (runEvent is TaskFailed failed)
            {
                failures.Enqueue($"{failed.Task.Id.Text}: {failed.Error}");
            }
        }
    }
}
