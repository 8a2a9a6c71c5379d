using Loader.Configuration;
using Loader.Events;
using Loader.Planning;
using Loader.Running;
using Loader.State;
using Loader.State.Sqlite;
using Loader.Targets;
using Loader.Tasks;

namespace Loader.Engine.Tests.TestSupport;

/// <summary>
/// Runs workflows for real: shell steps, local targets and a SQLite state store in the sandbox.
/// Uses the system clock, as retries, timeouts and leases wait on it.
/// </summary>
public sealed class RunHarness : IAsyncDisposable
{
    private readonly List<SqliteStateStore> _stores = [];
    private LoaderConfiguration? _configuration;

    /// <summary>The sandbox holding workflows, data, logs and the state file.</summary>
    public Sandbox Sandbox { get; } = new();

    /// <summary>The state file every store of this harness opens.</summary>
    public string DatabasePath => Sandbox.PathOf("state", "loader.db");

    /// <summary>The sandbox's configuration, read once.</summary>
    public LoaderConfiguration Configuration => _configuration ??= Sandbox.Configuration();

    /// <summary>A new store object on <see cref="DatabasePath"/>, its tables created.</summary>
    public async Task<SqliteStateStore> OpenStateAsync()
    {
        var store = new SqliteStateStore(DatabasePath);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Binds and plans <paramref name="workflow"/> now, with the system clock.</summary>
    public async Task<RunPlan> PlanAsync(string workflow, IReadOnlyDictionary<string, string>? arguments = null, params ForceSpec[] forced)
    {
        var graph = new GraphBinder(Sandbox.ValidCatalog(), Configuration, Sandbox.Parser())
            .Bind(workflow, arguments ?? new Dictionary<string, string>());
        return await new Planner(TargetStores.Local(), TimeProvider.System).PlanAsync(graph, forced, CancellationToken.None);
    }

    /// <summary>Options for a runner called <paramref name="runner"/>: two workers, short leases, logs in the sandbox.</summary>
    public RunOptions Options(string runner = "test-runner") => new()
    {
        Workers = 2,
        LeaseTtl = TimeSpan.FromSeconds(3),
        LogFolder = Sandbox.PathOf("logs"),
        Runner = runner,
        Today = Sandbox.Parser().Today,
    };

    /// <summary>A runner on <paramref name="state"/> that reports to <paramref name="events"/>.</summary>
    public Runner Runner(IStateStore state, IRunEventSink? events = null, RunOptions? options = null) =>
        new(new RunnerServices(state, Sandbox.Steps, TargetStores.Local(), events ?? new RecordingSink(), TimeProvider.System, Configuration),
            options ?? Options());

    /// <summary>Plans and runs <paramref name="workflow"/> on a fresh store object.</summary>
    public async Task<RunResult> RunAsync(string workflow, IReadOnlyDictionary<string, string>? arguments = null, IRunEventSink? events = null)
    {
        var plan = await PlanAsync(workflow, arguments);
        return await Runner(await OpenStateAsync(), events).RunAsync(plan, CancellationToken.None);
    }

    /// <summary>The lines of a data file, or none when it does not exist.</summary>
    public string[] Lines(string relativeToData)
    {
        var path = Path.Combine(Sandbox.Data, relativeToData);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        Sandbox.Dispose();
    }
}
