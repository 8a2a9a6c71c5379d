using Loader.Engine.Tests.TestSupport;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Workflows;

/// <summary>Two tasks, or two days of one, that would write the same output are refused, naming both and where each is written.</summary>
public sealed class SharedOutputTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private IReadOnlyList<Diagnostic> Problems(params (string File, string Yaml)[] files)
    {
        foreach (var (file, yaml) in files)
        {
            _sandbox.WriteWorkflow(file, yaml);
        }
        return _sandbox.Catalog().Problems;
    }

    [Fact]
    public void Two_tasks_with_the_same_literal_path_are_a_problem_naming_both_and_their_lines()
    {
        var problem = Assert.Single(Problems(("w.yml", """
            workflow: W
            tasks:
              A:
                uses: noop
                outputs: {data: /srv/out/data.csv}
              B:
                uses: noop
                outputs: {data: /srv/out/data.csv/}
            """)));

        Assert.StartsWith("tasks 'A' (", problem.Message, StringComparison.Ordinal);
        Assert.Contains("w.yml:5:", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("and 'B' both write /srv/out/data.csv/, each replacing the other's output: give each task its own path", problem.Message, StringComparison.Ordinal);
        Assert.Equal(8, problem.Span.Line);
        Assert.EndsWith("w.yml", problem.Span.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_day_tasks_of_two_workflows_writing_the_same_path_template_are_a_problem()
    {
        var problem = Assert.Single(Problems(
            ("a.yml", """
                workflow: Daily
                parameters: {interval: interval}
                tasks:
                  Extract:
                    per_day: interval
                    uses: noop
                    outputs: {events: "${config.data_dir}/events/${date}.csv"}
                """),
            ("b.yml", """
                workflow: Backfill
                parameters: {days: interval}
                tasks:
                  Refetch:
                    per_day: days
                    uses: noop
                    outputs: {events: "${ config.data_dir }/events/${ date }.csv"}
                """)));

        Assert.Contains("tasks 'Extract' (", problem.Message, StringComparison.Ordinal);
        Assert.Contains("a.yml:7:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("and 'Refetch' both write", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("b.yml", problem.Span.File, StringComparison.Ordinal);
        Assert.Equal(7, problem.Span.Line);
    }

    [Fact]
    public void A_per_day_path_and_a_path_of_a_date_parameter_that_can_name_the_same_day_are_a_problem()
    {
        var problem = Assert.Single(Problems(("w.yml", """
            workflow: W
            parameters:
              interval: interval
              day: {type: date, default: "2026-01-02"}
            tasks:
              Daily:
                per_day: interval
                uses: noop
                outputs: {data: "${config.data_dir}/day/${date}.csv", compact: "${config.data_dir}/compact/${date:yyyyMMdd}.csv"}
              Backfill:
                uses: noop
                outputs: {data: "${config.data_dir}/day/${day}.csv", compact: "${config.data_dir}/compact/${day}.csv"}
            """)));

        Assert.StartsWith("tasks 'Daily' (", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("and 'Backfill' both write ${config.data_dir}/day/${day}.csv, each replacing the other's output: give each task its own path", problem.Message, StringComparison.Ordinal);
        Assert.Equal(12, problem.Span.Line);
    }

    [Fact]
    public void A_per_day_output_that_does_not_depend_on_the_day_is_a_problem()
    {
        var problem = Assert.Single(Problems(("w.yml", """
            workflow: W
            parameters: {interval: interval}
            tasks:
              Day:
                per_day: interval
                uses: noop
                outputs: {data: "${config.data_dir}/out-${interval}.csv"}
            """)));

        Assert.Equal(
            "task 'Day' runs per day, but its output 'data' (${config.data_dir}/out-${interval}.csv) does not depend on the day: every day would write the same place, replacing the day before; put ${date} in it",
            problem.Message);
        Assert.Equal(7, problem.Span.Line);
    }

    [Fact]
    public void Paths_told_apart_by_the_task_or_mysql_marker_rows_in_one_table_are_not_a_problem()
    {
        Assert.Empty(Problems(("w.yml", """
            workflow: W
            parameters: {interval: interval}
            tasks:
              A:
                per_day: interval
                uses: noop
                outputs:
                  done: "${config.data_dir}/markers/${task.key}.json"
                  rows: {marker: "mysql://art/analytics/results"}
              B:
                uses: noop
                outputs:
                  done: "${config.data_dir}/markers/${task.key}.json"
                  rows: {marker: "mysql://art/analytics/results"}
            """)));
    }

    [Fact]
    public void Paths_that_meet_only_once_rendered_are_refused_when_bound_naming_both_tasks_and_instances()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              interval: interval
              name: {type: string, default: "2026-01-02"}
            tasks:
              Day:
                per_day: interval
                uses: noop
                outputs: {data: "${config.data_dir}/day/${date}.csv"}
              Named:
                uses: noop
                outputs: {data: "${config.data_dir}/day/${name}.csv"}
            """);

        var error = Assert.Throws<WorkflowException>(() => _sandbox.Bind("W", Args(("interval", "2026-01-01-2026-01-04"))));

        var problem = Assert.Single(error.Diagnostics);
        Assert.StartsWith($"tasks 'Day' ({problem.Span.File}:9:", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            $") and 'Named' both write {_sandbox.Data}/day/2026-01-02.csv (Day(date=2026-01-02) and Named(name=2026-01-02)), each replacing the other's output: give each task its own path",
            problem.Message, StringComparison.Ordinal);
        Assert.Equal(12, problem.Span.Line);
        Assert.Equal(4, _sandbox.Bind("W", Args(("interval", "2026-01-01-2026-01-04"), ("name", "all"))).Instances.Count);
    }
}
