using System.Globalization;
using System.Text;
using Loader.Configuration;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.MySql.Tests.Support;

/// <summary>
/// A temporary project run in this process as <c>loader run</c> runs it: workflow files, <c>config/default.yml</c>
/// naming the MariaDB connection <c>test</c>, a data folder, the MySQL steps and target store, a SQLite state store.
/// </summary>
public sealed class EngineProject : IAsyncDisposable
{
    private readonly List<SqliteStateStore> _stores = [];

    /// <summary>A project whose MySQL steps read credentials and sources with <paramref name="files"/> (default: local files only).</summary>
    public EngineProject(MariaDbServer server, string database, FileSources? files = null)
    {
        Server = server;
        Database = database;
        Steps = StepRegistry.WithBuiltIns().Add(new MySqlLoadStep(files)).Add(new MySqlQueryStep(files));
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Root, "config", "default.yml"), $"""
            data_dir: {Data}
            mysql:
              test:
                credentials: {server.CredentialsPath}
            """);
    }

    public MariaDbServer Server { get; }

    /// <summary>This test's own database.</summary>
    public string Database { get; }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-mysql-engine", Guid.NewGuid().ToString("N"));

    /// <summary><c>${config.data_dir}</c>.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>The steps a run knows: the built-in ones and the MySQL ones.</summary>
    public StepRegistry Steps { get; }

    /// <summary>Writes a workflow file; <c>DB</c> in it stands for this test's database.</summary>
    public EngineProject Workflow(string yaml)
    {
        File.WriteAllText(Path.Combine(Root, "workflows", $"w{Guid.NewGuid():N}.yml"), yaml.Replace("DB", Database, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Writes a data file under <see cref="Data"/> and returns its path.</summary>
    public string DataFile(string name, string text)
    {
        var path = Path.Combine(Data, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes a TSV of <paramref name="rows"/> lines <c>id \t name \t day</c> under <see cref="Data"/>, <paramref name="badAt"/> breaking one.</summary>
    public string Rows(string name, int rows, int firstId = 1, int? badAt = null)
    {
        var path = Path.Combine(Data, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (var i = 0; i < rows; i++)
        {
            var id = firstId + i;
            writer.WriteLine(i == badAt
                ? $"{id}\tname-{id}\tnot-a-date"
                : string.Create(CultureInfo.InvariantCulture, $"{id}\tname-{id}\t2026-01-{1 + (id % 28):D2}"));
        }
        return path;
    }

    /// <summary>The layered configuration of the project.</summary>
    public LoaderConfiguration Configuration() =>
        LoaderConfiguration.Load(new ConfigLayers(Path.Combine(Root, "config"), [], new Dictionary<string, string?>()));

    /// <summary>Binds, plans and runs <paramref name="workflow"/>, as <c>loader run</c> does.</summary>
    public async Task<RunResult> RunAsync(string workflow, IReadOnlyDictionary<string, string>? arguments = null, CancellationToken cancellationToken = default)
    {
        var configuration = Configuration();
        var catalog = WorkflowCatalog.Load([Path.Combine(Root, "workflows")], Steps);
        Assert.Empty(catalog.Problems);
        var parser = new ParameterParser(TimeProvider.System, new DateOnly(2026, 2, 1));
        var graph = new GraphBinder(catalog, configuration, parser).Bind(workflow, arguments ?? new Dictionary<string, string>());
        var targets = TargetStores.Local().Add(new MySqlTargetStore(new MySqlConnections(configuration.Root, configuration.Secrets)));
        var plan = await new Planner(targets, TimeProvider.System).PlanAsync(graph, [], cancellationToken);
        var state = new SqliteStateStore(Path.Combine(Root, "state", "loader.db"));
        _stores.Add(state);
        await state.InitializeAsync(CancellationToken.None);
        var services = new RunnerServices(state, Steps, targets, new NoEvents(), TimeProvider.System, configuration);
        var options = new RunOptions { Workers = 2, LeaseTtl = TimeSpan.FromSeconds(10), LogFolder = Path.Combine(Root, "logs"), Today = parser.Today };
        return await new Runner(services, options).RunAsync(plan, cancellationToken);
    }

    /// <summary>The rows of <paramref name="table"/> of this test's database, ordered by their first column.</summary>
    public Task<long> CountAsync(string table, string where = "1 = 1") =>
        Server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{Database}`.`{table}` WHERE {where}");

    /// <summary>The marker rows of this test's database: update id and target table, by update id.</summary>
    public async Task<IReadOnlyList<(string UpdateId, string TargetTable)>> MarkersAsync() =>
        (await Server.RowsAsync($"SELECT update_id, target_table FROM `{Database}`.table_updates ORDER BY update_id"))
        .Select(r => (r[0]!, r[1]!))
        .ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class NoEvents : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
        }
    }
}

/// <summary>What to check of a run.</summary>
public static class RunResultAssertions
{
    /// <summary>The one outcome of the family <paramref name="family"/>.</summary>
    public static (TaskOutcome Outcome, string Reason) Of(this RunResult result, string family) =>
        Assert.Single(result.Outcomes, o => o.Key.Family == family).Value;

    /// <summary>Fails with every outcome unless the run succeeded.</summary>
    public static RunResult Succeeded(this RunResult result)
    {
        Assert.True(result.ExitCode == ExitCodes.Success,
            "the run did not succeed: " + string.Join("; ", result.Outcomes.Select(o => $"{o.Key.Id.Text}: {o.Value.Outcome} {o.Value.Reason}")));
        return result;
    }
}
