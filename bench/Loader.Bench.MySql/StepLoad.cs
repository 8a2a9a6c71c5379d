using Loader.Configuration;
using Loader.Events;
using Loader.MySql;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Bench.MySql;

/// <summary>
/// mysql.load as <c>loader run</c> runs it, in this process: the workflow bound and planned (the marker checked),
/// the task run by the runner with a SQLite state store, the marker checked again at commit.
/// </summary>
internal sealed class StepLoad
{
    private readonly string _root;

    public StepLoad(BenchServer server, string folder, string file)
    {
        _root = Path.Combine(folder, "project");
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        Directory.CreateDirectory(Path.Combine(_root, "config"));
        File.WriteAllText(Path.Combine(_root, "config", "default.yml"), $"""
            mysql:
              bench:
                credentials: {server.CredentialsPath}
            """);
        File.WriteAllText(Path.Combine(_root, "workflows", "bench.yml"), $$"""
            workflow: BenchLoad
            parameters:
              table: string
            tasks:
              Load:
                uses: mysql.load
                with:
                  source: {{file}}
                  columns: {id: INT NOT NULL, course_id: VARCHAR(255) NOT NULL, day: DATE NOT NULL, learners: INT NOT NULL, score: DOUBLE}
                  keys: [PRIMARY KEY (id)]
                outputs:
                  marker: {marker: "mysql://bench/bench/${table}"}
            """);
    }

    /// <summary>Loads the file into a new table <paramref name="table"/> of database <c>bench</c>.</summary>
    public async Task RunAsync(string table, CancellationToken cancellationToken)
    {
        var steps = StepRegistry.WithBuiltIns().Add(new MySqlLoadStep());
        var configuration = LoaderConfiguration.Load(new ConfigLayers(Path.Combine(_root, "config"), [], new Dictionary<string, string?>()));
        var catalog = WorkflowCatalog.Load([Path.Combine(_root, "workflows")], steps);
        catalog.ThrowIfInvalid();
        var graph = new GraphBinder(catalog, configuration, new ParameterParser(TimeProvider.System)).Bind("BenchLoad", new Dictionary<string, string> { ["table"] = table });
        var targets = TargetStores.Local().Add(new MySqlTargetStore(new MySqlConnections(configuration.Root, configuration.Secrets)));
        var plan = await new Planner(targets, TimeProvider.System).PlanAsync(graph, new HashSet<string>(), cancellationToken);
        await using var state = new SqliteStateStore(Path.Combine(_root, ".loader", "state.db"));
        await state.InitializeAsync(cancellationToken);
        var services = new RunnerServices(state, steps, targets, new NoEvents(), TimeProvider.System, configuration);
        var result = await new Runner(services, new RunOptions { LogFolder = Path.Combine(_root, ".loader", "logs") }).RunAsync(plan, cancellationToken);
        if (result.ExitCode != ExitCodes.Success)
        {
            throw new InvalidOperationException("mysql.load failed: " + string.Join("; ", result.Outcomes.Values.Select(o => o.Reason)));
        }
    }

    private sealed class NoEvents : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
        }
    }
}
