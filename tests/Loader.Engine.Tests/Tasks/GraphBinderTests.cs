using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Tasks;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

public sealed class GraphBinderTests : IDisposable
{
    private const string ThreeDays = "2026-01-01-2026-01-04";

    private readonly Sandbox _sandbox = new();

    public GraphBinderTests() => _sandbox.WriteWorkflow("daily.yml", Daily);

    public void Dispose() => _sandbox.Dispose();

    private TaskGraph Bind(params (string, string)[] arguments) => _sandbox.Bind("Daily", Args(arguments));

    private static IEnumerable<TaskInstance> Of(TaskGraph graph, string family) => graph.Instances.Where(i => i.Family == family);

    private static string RegionOf(TaskInstance task) => (string)task.Parameters["region"];

    [Fact]
    public void Per_day_tasks_fan_out_one_instance_per_day()
    {
        var graph = Bind(("interval", ThreeDays));

        Assert.Equal(
            [new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 3)],
            Of(graph, "Extract").Select(i => i.Date!.Value));
        Assert.Equal(3, Of(graph, "Transform").Count());
        Assert.Null(Assert.Single(Of(graph, "Report")).Date);
        Assert.Equal(7, graph.Instances.Count);
        Assert.All(Of(graph, "Extract"), i => Assert.Equal(ThreeDays, i.Interval!.RangeText));
    }

    [Fact]
    public void A_per_day_task_requires_the_same_day_of_a_per_day_task()
    {
        var graph = Bind(("interval", ThreeDays));

        Assert.All(Of(graph, "Transform"), transform =>
        {
            var extract = Assert.Single(transform.Requires);
            Assert.Equal("Extract", extract.Family);
            Assert.Equal(transform.Date, extract.Date);
        });
    }

    [Fact]
    public void A_task_that_is_not_per_day_requires_every_day()
    {
        var graph = Bind(("interval", ThreeDays));

        var report = Assert.Single(graph.Goals);
        Assert.Equal("Report", report.Family);
        Assert.Equal(Of(graph, "Transform"), report.Requires);
    }

    [Fact]
    public void Instances_come_after_their_requirements_and_know_their_position()
    {
        var graph = Bind(("interval", ThreeDays));

        Assert.Equal(Enumerable.Range(0, graph.Instances.Count), graph.Instances.Select(i => i.Order));
        Assert.All(graph.Instances, i => Assert.All(i.Requires, r => Assert.True(r.Order < i.Order)));
    }

    [Fact]
    public void Outputs_are_rendered_per_instance()
    {
        var graph = Bind(("interval", ThreeDays));

        Assert.Equal(
            Path.Combine(_sandbox.Data, "extract", "us", "2026-01-02.csv"),
            Of(graph, "Extract").Single(i => i.Date == new DateOnly(2026, 1, 2)).Outputs[0].Location);
        Assert.Equal(Path.Combine(_sandbox.Data, $"report-us-{ThreeDays}.csv"), graph.Goals[0].Outputs[0].Location);
    }

    [Fact]
    public void Each_spelling_of_an_interval_is_its_own_report_over_the_same_days()
    {
        // As in Luigi: Report(interval=2026-02) and Report(interval=2026-02-01-2026-03-01) are two tasks, each
        // writing the path its spelling gives, while the days they read are the same instances.
        var month = Bind(("interval", "2026-02"));
        var range = Bind(("interval", "2026-02-01-2026-03-01"));

        Assert.Equal("Report(interval=2026-02, region=us)", month.Goals[0].Id.Text);
        Assert.Equal("Report(interval=2026-02-01-2026-03-01, region=us)", range.Goals[0].Id.Text);
        Assert.Equal(Path.Combine(_sandbox.Data, "report-us-2026-02.csv"), month.Goals[0].Outputs[0].Location);
        Assert.Equal(Path.Combine(_sandbox.Data, "report-us-2026-02-01-2026-03-01.csv"), range.Goals[0].Outputs[0].Location);
        Assert.Equal(Of(month, "Extract").Select(i => i.Id), Of(range, "Extract").Select(i => i.Id));
    }

    [Fact]
    public void Family_argument_overrides_one_task_only()
    {
        var graph = Bind(("interval", ThreeDays), ("Transform-region", "eu"));

        Assert.All(Of(graph, "Transform"), t => Assert.Equal("eu", RegionOf(t)));
        Assert.All(Of(graph, "Transform"), t => Assert.Contains("/transform/eu/", t.Outputs[0].Location));
        Assert.All(Of(graph, "Extract"), t => Assert.Equal("us", RegionOf(t)));
        Assert.Equal("us", RegionOf(graph.Goals[0]));
        Assert.Equal("us", graph.Root.Values["region"]);
    }

    [Fact]
    public void A_per_day_task_narrowed_to_fewer_days_still_requires_the_same_day()
    {
        var graph = Bind(("interval", ThreeDays), ("Transform-interval", "2026-01-02"));

        var transform = Assert.Single(Of(graph, "Transform"));
        Assert.Equal(new DateOnly(2026, 1, 2), transform.Date);
        Assert.Equal(new DateOnly(2026, 1, 2), Assert.Single(transform.Requires).Date);
    }

    [Fact]
    public void Family_argument_names_may_use_dashes_for_underscores()
    {
        var graph = Bind(("interval", ThreeDays), ("Transform-overwrite-n-days", "2"));

        Assert.All(Of(graph, "Transform"), t => Assert.Equal(2, t.OverwriteNDays));
        Assert.All(Of(graph, "Extract"), t => Assert.Equal(0, t.OverwriteNDays));
    }

    [Fact]
    public void Argument_names_may_use_dashes_for_underscores()
    {
        var graph = Bind(("interval", ThreeDays), ("overwrite-n-days", "3"));

        Assert.Equal(3L, graph.Root.Values["overwrite_n_days"]);
        Assert.Equal("command line", graph.Root.Sources["overwrite_n_days"]);
        Assert.All(Of(graph, "Extract"), t => Assert.Equal(3, t.OverwriteNDays));
    }

    [Fact]
    public void The_workflow_config_section_gives_parameter_values()
    {
        _sandbox.WriteDefaults("Daily:\n  interval: 2026-01-01-2026-01-03\n  region: eu\n");

        var graph = Bind();

        Assert.Equal(2, Of(graph, "Extract").Count());
        Assert.All(graph.Instances, i => Assert.Equal("eu", RegionOf(i)));
        Assert.Equal(Path.Combine(_sandbox.ConfigFolder, "default.yml"), graph.Root.Sources["region"]);
        Assert.Equal("default", graph.Root.Sources["overwrite_n_days"]);
    }

    [Fact]
    public void The_family_config_section_gives_one_task_its_values()
    {
        _sandbox.WriteDefaults("Transform:\n  region: ca\n");

        var graph = Bind(("interval", ThreeDays));

        Assert.All(Of(graph, "Transform"), t => Assert.Equal("ca", RegionOf(t)));
        Assert.All(Of(graph, "Extract"), t => Assert.Equal("us", RegionOf(t)));
        Assert.Equal("us", RegionOf(graph.Goals[0]));
    }

    [Fact]
    public void The_family_config_section_wins_over_the_workflow_config_section()
    {
        _sandbox.WriteDefaults("Daily:\n  region: eu\nTransform:\n  region: ca\n");

        var graph = Bind(("interval", ThreeDays));

        Assert.All(Of(graph, "Transform"), t => Assert.Equal("ca", RegionOf(t)));
        Assert.All(Of(graph, "Extract"), t => Assert.Equal("eu", RegionOf(t)));
    }

    [Fact]
    public void The_command_line_beats_config()
    {
        _sandbox.WriteDefaults("Daily:\n  region: eu\nTransform:\n  region: ca\n");

        var graph = Bind(("interval", ThreeDays), ("region", "mx"));

        Assert.All(graph.Instances, i => Assert.Equal("mx", RegionOf(i)));
        Assert.Equal("command line", graph.Root.Sources["region"]);
    }

    [Fact]
    public void A_family_argument_beats_the_family_config_section()
    {
        _sandbox.WriteDefaults("Transform:\n  region: ca\n");

        var graph = Bind(("interval", ThreeDays), ("Transform-region", "br"));

        Assert.All(Of(graph, "Transform"), t => Assert.Equal("br", RegionOf(t)));
    }

    [Fact]
    public void The_environment_layer_sets_workflow_parameters()
    {
        _sandbox.SetEnvironment("LOADER_Daily__region", "jp");

        var graph = Bind(("interval", ThreeDays));

        Assert.Equal("jp", RegionOf(graph.Goals[0]));
        Assert.Equal("environment (LOADER_)", graph.Root.Sources["region"]);
    }

    [Fact]
    public void An_unknown_parameter_names_the_known_ones()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", ThreeDays), ("colour", "red")));

        Assert.Equal("unknown parameter --colour for workflow 'Daily': its parameters are --interval, --region, --overwrite_n_days, --password", error.Message);
    }

    [Fact]
    public void An_unknown_family_parameter_names_the_task()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", ThreeDays), ("Transform-colour", "red")));

        Assert.Equal("unknown parameter --Transform-colour: task 'Transform' has no parameter 'colour'", error.Message);
    }

    [Fact]
    public void A_missing_parameter_says_where_it_can_be_given()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind());

        Assert.Equal("missing parameter --interval for workflow 'Daily' (interval); give it on the command line or under 'Daily:' in config", error.Message);
    }

    [Fact]
    public void A_bad_value_names_the_parameter_and_where_it_came_from()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", "last week")));

        Assert.StartsWith("workflow 'Daily', parameter 'interval': invalid date interval 'last week'", error.Message);
        Assert.EndsWith("(from command line)", error.Message);
    }

    [Fact]
    public void A_bad_family_value_names_the_task()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", ThreeDays), ("Transform-overwrite_n_days", "many")));

        Assert.Equal("task 'Transform', parameter 'overwrite_n_days': 'many' is not a whole number", error.Message);
    }

    [Fact]
    public void Every_bad_argument_is_reported_at_once()
    {
        var error = Assert.Throws<WorkflowException>(() => Bind(("interval", ThreeDays), ("colour", "red"), ("size", "xl")));

        Assert.Equal(2, error.Diagnostics.Count);
    }

    [Fact]
    public void Defaults_may_name_other_parameters_and_today()
    {
        _sandbox.WriteWorkflow("recent.yml", """
            workflow: Recent
            parameters:
              interval: {type: interval, default: "${start}-${end}"}
              start: {type: date, default: today-3}
              end: {type: date, default: "${today}"}
            tasks:
              Day: {uses: noop, per_day: interval}
            """);

        var graph = _sandbox.Bind("Recent");

        Assert.Equal("2026-01-17-2026-01-20", ((DateInterval)graph.Root.Values["interval"]).RangeText);
        Assert.Equal(3, graph.Instances.Count);
    }

    [Fact]
    public void Dates_shift_in_defaults_and_output_paths()
    {
        _sandbox.WriteWorkflow("shifted.yml", """
            workflow: Shifted
            parameters:
              interval: {type: interval, default: "${today - 30d}-${today}"}
            tasks:
              Day:
                uses: noop
                per_day: interval
                outputs: {out: "${config.data_dir}/${date - 1w:yyyyMMdd}-${interval.end + 1d}.txt"}
            """);

        var graph = _sandbox.Bind("Shifted");

        Assert.Equal("2025-12-21-2026-01-20", ((DateInterval)graph.Root.Values["interval"]).RangeText);
        var first = graph.Instances.Single(i => i.Date == new DateOnly(2025, 12, 21));
        Assert.EndsWith("20251214-2026-01-21.txt", first.Outputs[0].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_dates_hours_intervals_and_times_shift()
    {
        _sandbox.WriteWorkflow("bad-shift.yml", """
            workflow: BadShift
            parameters:
              name: {type: string, default: x}
            tasks:
              T: {uses: noop, outputs: {out: "${config.data_dir}/${name + 1d}.txt"}}
            """);

        var error = Assert.ThrowsAny<Exception>(() => _sandbox.Bind("BadShift"));

        Assert.Contains("only a date, an hour, an interval or a time can be shifted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_requirement_binds_the_goals_of_the_other_workflow()
    {
        WriteWarehouseAndMain();

        var graph = _sandbox.Bind("Main", Args(("interval", "2026-01-01-2026-01-03")));

        var a = graph.Instances.Single(i => i.Family == "A");
        var publish = Assert.Single(a.Requires);
        Assert.Equal("Publish(day=2026-01-01)", publish.Id.Text);
        Assert.Equal("Import(day=2026-01-01)", Assert.Single(publish.Requires).Id.Text);
        Assert.Equal("Warehouse", publish.Binding.Workflow.Name);
        Assert.Equal(new DateOnly(2026, 1, 1), publish.Binding.Values["day"]);
        Assert.Equal("required by A", publish.Binding.Sources["day"]);
    }

    [Fact]
    public void Identical_requests_for_a_workflow_share_one_instance()
    {
        WriteWarehouseAndMain();

        var graph = _sandbox.Bind("Main", Args(("interval", "2026-01-01-2026-01-03")));

        var a = graph.Instances.Single(i => i.Family == "A");
        var b = graph.Instances.Single(i => i.Family == "B");
        var firstDay = graph.Instances.Single(i => i.Family == "PerDay" && i.Date == new DateOnly(2026, 1, 1));
        var secondDay = graph.Instances.Single(i => i.Family == "PerDay" && i.Date == new DateOnly(2026, 1, 2));
        Assert.Same(a.Requires[0], b.Requires[0]);
        Assert.Same(a.Requires[0], firstDay.Requires[0]);
        Assert.Equal("Publish(day=2026-01-02)", Assert.Single(secondDay.Requires).Id.Text);
        Assert.Equal(2, graph.Instances.Count(i => i.Family == "Publish"));
        Assert.Equal(2, graph.Instances.Count(i => i.Family == "Import"));
        Assert.Equal(graph.Instances.Count, graph.Instances.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Unused_config_keys_draw_warnings_naming_the_key_and_its_layer()
    {
        _sandbox.WriteDefaults("""
            Daily:
              region: eu
              colour: red
            Transform:
              flavour: spicy
            Nonsense:
              key: 1
            state:
              sqlite: /tmp/state.db
            service:
              config_refresh: 1m
            """);
        var defaults = Path.Combine(_sandbox.ConfigFolder, "default.yml");

        var warnings = Bind(("interval", ThreeDays)).Warnings;

        Assert.Equal(
            [
                $"config key 'Daily:colour' ({defaults}) is not a parameter of workflow 'Daily': its parameters are interval, region, overwrite_n_days, password",
                $"config key 'Nonsense:key' ({defaults}) is not read by anything: check its spelling",
                $"config key 'Transform:flavour' ({defaults}) is not a parameter of task 'Transform'",
            ],
            warnings.Order(StringComparer.Ordinal));
    }

    private void WriteWarehouseAndMain()
    {
        _sandbox.WriteWorkflow("warehouse.yml", """
            workflow: Warehouse
            parameters: {day: date}
            tasks:
              Import: {uses: noop, outputs: {done: "${config.data_dir}/import-${day}.json"}}
              Publish: {uses: noop, requires: Import, outputs: {done: "${config.data_dir}/publish-${day}.json"}}
            """);
        _sandbox.WriteWorkflow("main.yml", """
            workflow: Main
            parameters: {interval: interval}
            tasks:
              A: {uses: noop, requires: [{workflow: Warehouse, with: {day: "${interval.start}"}}]}
              B: {uses: noop, requires: [{workflow: Warehouse, with: {day: "${interval.start}"}}]}
              PerDay: {uses: noop, per_day: interval, requires: [{workflow: Warehouse, with: {day: "${date}"}}]}
            """);
    }
}
