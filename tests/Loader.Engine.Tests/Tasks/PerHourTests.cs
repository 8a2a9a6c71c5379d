using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Planning;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

public sealed class PerHourTests : IDisposable
{
    private const string Week = "2026-W02";

    private readonly Sandbox _sandbox = new();

    public PerHourTests() => _sandbox.WriteWorkflow("hourly.yml", Hourly);

    public void Dispose() => _sandbox.Dispose();

    private TaskGraph Bind(params (string, string)[] arguments) => _sandbox.Bind("Hourly", Args(arguments));

    private static List<TaskInstance> Of(TaskGraph graph, string family) => graph.Instances.Where(i => i.Family == family).ToList();

    private Task<RunPlan> PlanAsync(TaskGraph graph, TargetStores? stores = null) =>
        new Planner(stores ?? TargetStores.Local(), _sandbox.Clock).PlanAsync(graph, [], CancellationToken.None);

    private static void Create(IEnumerable<TaskInstance> tasks)
    {
        foreach (var target in tasks.SelectMany(t => t.Outputs))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Location)!);
            File.WriteAllText(target.Location, "done");
        }
    }

    [Fact]
    public void A_per_hour_task_fans_out_one_instance_per_hour_of_a_week()
    {
        var graph = Bind(("interval", Week));

        var fetches = Of(graph, "FetchLogs");
        Assert.Equal(168, fetches.Count);
        Assert.Equal(Hour.Parse("2026-01-05T00"), fetches[0].Hour);
        Assert.Equal(Hour.Parse("2026-01-11T23"), fetches[^1].Hour);
        Assert.All(fetches, f => Assert.Null(f.Date));
        Assert.Equal(7, Of(graph, "DailyCounts").Count);
        Assert.Equal(168 + 7 + 1, graph.Instances.Count);
    }

    [Fact]
    public void A_per_hour_instance_is_named_by_its_hour_and_renders_it()
    {
        var graph = Bind(("interval", Week));

        var fetch = Of(graph, "FetchLogs")[29];
        Assert.Equal("FetchLogs(hour=2026-01-06T05, site=edx)", fetch.Id.Text);
        Assert.Equal(Path.Combine(_sandbox.Data, "tracking", "edx", "2026", "01", "06", "05.log"), fetch.Outputs[0].Location);
    }

    [Fact]
    public void An_hour_has_the_same_identity_in_every_interval_that_holds_it()
    {
        var inWeek = Of(Bind(("interval", Week)), "FetchLogs").Single(f => f.Hour == Hour.Parse("2026-01-06T05"));
        var inRange = Of(Bind(("interval", "2026-01-06T04-2026-01-06T07")), "FetchLogs").Single(f => f.Hour == Hour.Parse("2026-01-06T05"));

        Assert.Equal(inWeek.Id, inRange.Id);
    }

    [Fact]
    public void A_per_day_task_over_the_same_interval_requires_the_24_hours_of_its_day()
    {
        var graph = Bind(("interval", Week));

        Assert.All(Of(graph, "DailyCounts"), day =>
        {
            Assert.Equal(24, day.Requires.Count);
            Assert.All(day.Requires, hour => Assert.Equal(day.Date, hour.Hour!.Value.Date));
        });
    }

    [Fact]
    public void An_hour_range_fans_out_its_hours_and_its_day_requires_only_them()
    {
        var graph = Bind(("interval", "2026-01-06T00-2026-01-06T06"));

        Assert.Equal(6, Of(graph, "FetchLogs").Count);
        var day = Assert.Single(Of(graph, "DailyCounts"));
        Assert.Equal(Of(graph, "FetchLogs"), day.Requires);
        Assert.Equal(Path.Combine(_sandbox.Data, "report-edx-2026-01-06T00-2026-01-06T06.csv"), graph.Goals[0].Outputs[0].Location);
    }

    [Fact]
    public void A_per_hour_task_requires_the_same_hour_of_another_per_hour_task()
    {
        _sandbox.WriteWorkflow("hourly.yml", """
            workflow: Hourly
            parameters:
              interval: interval
            tasks:
              Fetch: {per_hour: interval, uses: noop, outputs: {log: "${config.data_dir}/raw/${hour}.log"}}
              Parse: {per_hour: interval, requires: Fetch, uses: noop, outputs: {rows: "${config.data_dir}/parsed/${hour.date}/${hour:HH}.csv"}}
              Daily: {per_day: interval, requires: Parse, uses: noop, outputs: {day: "${config.data_dir}/daily/${date}.csv"}}
            """);

        var graph = Bind(("interval", "2026-01-06"));

        Assert.All(Of(graph, "Parse"), parse => Assert.Equal(parse.Hour, Assert.Single(parse.Requires).Hour));
        Assert.Equal(Path.Combine(_sandbox.Data, "parsed", "2026-01-06", "05.csv"), Of(graph, "Parse")[5].Outputs[0].Location);
    }

    [Fact]
    public void A_per_hour_task_requires_the_day_its_hour_falls_on()
    {
        _sandbox.WriteWorkflow("hourly.yml", """
            workflow: Hourly
            parameters:
              interval: interval
            tasks:
              Calendar: {per_day: interval, uses: noop, outputs: {day: "${config.data_dir}/calendar/${date}.csv"}}
              Fetch: {per_hour: interval, requires: Calendar, uses: noop, outputs: {log: "${config.data_dir}/raw/${hour}.log"}}
            """);

        var graph = Bind(("interval", "2026-01-05-2026-01-07"));

        Assert.All(Of(graph, "Fetch"), fetch => Assert.Equal(fetch.Hour!.Value.Date, Assert.Single(fetch.Requires).Date));
    }

    [Fact]
    public async Task A_month_of_hours_is_checked_in_one_bulk_call_per_store()
    {
        var graph = Bind(("interval", "2026-01"));
        var counting = new CountingStore(new LocalTargetStore());

        var plan = await PlanAsync(graph, new TargetStores().Add(counting));

        Assert.Equal(744, plan.Entries.Count(e => e.Task.Family == "FetchLogs"));
        Assert.Equal(1, counting.Calls);
        Assert.Equal(744 + 31 + 1, counting.Targets);
    }

    [Fact]
    public async Task A_missing_hour_is_the_only_one_that_runs()
    {
        // The goals are the hours themselves (--until FetchLogs), as when hourly logs are kept up to date.
        var graph = new GraphBinder(_sandbox.ValidCatalog(), _sandbox.Configuration(), _sandbox.Parser()).Bind("Hourly", Args(("interval", Week)), ["FetchLogs"]);
        var missing = Of(graph, "FetchLogs")[100];
        Create(graph.Instances.Where(i => i != missing));

        var plan = await PlanAsync(graph);

        Assert.Equal(168, plan.Entries.Count);
        Assert.Equal("FetchLogs(hour=2026-01-09T04, site=edx)", Assert.Single(plan.Entries, e => e.WillRun).Task.Id.Text);
    }

    [Fact]
    public async Task Overwrite_n_hours_recomputes_the_last_hours_of_the_interval()
    {
        var graph = Bind(("interval", Week), ("overwrite_n_hours", "3"));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        var overwritten = plan.Entries.Where(e => e.Decision == PlanDecision.Overwrite && e.Task.Family == "FetchLogs").ToList();
        Assert.Equal(["2026-01-11T21", "2026-01-11T22", "2026-01-11T23"], overwritten.Select(e => e.Task.Hour.ToString()));
        Assert.Equal("inside the overwrite window: the last 3 hours before 2026-01-12T00", overwritten[0].Reason);
        Assert.Equal(2, plan.Count(PlanDecision.Overwrite) - overwritten.Count);
    }

    [Fact]
    public void A_large_plan_collapses_consecutive_hours_into_one_range()
    {
        var graph = Bind(("interval", Week));

        var lines = Loader.Reporting.ParameterRanges.Collapse(graph.Instances.Where(i => i.Family == "FetchLogs" && i.Hour != Hour.Parse("2026-01-08T12"))).ToList();

        Assert.Equal((167, "FetchLogs(hour=2026-01-05T00...2026-01-08T11,2026-01-08T13...2026-01-11T23, site=edx)"), Assert.Single(lines));
    }

    [Fact]
    public void Hours_shift_and_format_in_expressions()
    {
        _sandbox.WriteWorkflow("hourly.yml", """
            workflow: Hourly
            parameters:
              interval: interval
              at: hour
            tasks:
              Fetch:
                per_hour: interval
                uses: noop
                outputs: {log: "${config.data_dir}/${hour - 1h}/${hour.date - 1d}/${hour:yyyyMMddHH}/${at}/${at.date}/${at + 1d}.log"}
            """);

        var graph = Bind(("interval", "2026-01-06T00"), ("at", "2026-01-02T05:00"));

        Assert.Equal(Path.Combine(_sandbox.Data, "2026-01-05T23", "2026-01-05", "2026010600", "2026-01-02T05", "2026-01-02", "2026-01-03T05.log"),
            Assert.Single(graph.Instances).Outputs[0].Location);
    }

    [Fact]
    public void A_bad_hour_on_the_command_line_names_the_parameter()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", "2026-01-06T00-2026-01-06T25")));

        Assert.Contains("parameter 'interval': invalid hour interval '2026-01-06T00-2026-01-06T25'", error.Message);
    }

    /// <summary>
    /// Per hour FetchLogs, per day DailyCounts over the same hours, then a Report over the interval. <c>site</c> is
    /// significant and named in every output; <c>overwrite_n_hours</c> is not.
    /// </summary>
    private const string Hourly = """
        workflow: Hourly
        parameters:
          interval: interval
          site: {type: string, default: edx}
          overwrite_n_hours: {type: int, default: 0, significant: false}
        tasks:
          FetchLogs:
            per_hour: interval
            overwrite_n_hours: ${overwrite_n_hours}
            uses: noop
            outputs: {log: "${config.data_dir}/tracking/${site}/${hour:yyyy/MM/dd/HH}.log"}
          DailyCounts:
            per_day: interval
            requires: FetchLogs
            uses: noop
            outputs: {counts: "${config.data_dir}/counts/${site}/${date}.csv"}
          Report:
            requires: DailyCounts
            uses: noop
            outputs: {report: "${config.data_dir}/report-${site}-${interval}.csv"}
        """;

    /// <summary>A store that counts the bulk calls made of it and the targets they ask about.</summary>
    private sealed class CountingStore(ITargetStore inner) : ITargetStore
    {
        public int Calls { get; private set; }

        public int Targets { get; private set; }

        public string Scheme => inner.Scheme;

        public Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken)
        {
            Calls++;
            Targets += targets.Count;
            return inner.WhichExistAsync(targets, cancellationToken);
        }

        public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken) => inner.PrepareAsync(target, cancellationToken);

        public Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken) =>
            inner.CommitAsync(target, writtenAt, markerContent, cancellationToken);

        public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken) => inner.DiscardAsync(target, writtenAt, cancellationToken);
    }
}
