using Loader.Engine.Tests.TestSupport;
using Loader.Workflows;

namespace Loader.Engine.Tests.Workflows;

public sealed class PerHourValidationTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private IReadOnlyList<Diagnostic> Problems(string yaml)
    {
        _sandbox.WriteWorkflow("w.yml", yaml);
        return _sandbox.Catalog().Problems;
    }

    private string Problem(string yaml) => Assert.Single(Problems(yaml)).Message;

    [Fact]
    public void A_per_hour_workflow_with_hours_in_its_paths_is_valid()
    {
        Assert.Empty(Problems("""
            workflow: W
            parameters:
              interval: interval
              overwrite_n_hours: {type: int, default: 3, significant: false}
              since: {type: hour, default: "2026-01-01T00"}
            tasks:
              A:
                per_hour: interval
                overwrite_n_hours: ${overwrite_n_hours}
                uses: shell
                with: {command: "echo ${hour} ${hour.date} ${since} ${since.date} > ${outputs.log}"}
                outputs: {log: "logs/${hour:yyyy/MM/dd/HH}.log"}
            """));
    }

    [Fact]
    public void Per_hour_must_name_an_interval_parameter()
    {
        Assert.Equal("task 'A': per_hour names 'at', which is not an interval parameter of workflow 'W'",
            Problem("workflow: W\nparameters:\n  at: hour\ntasks:\n  A: {uses: noop, per_hour: at}\n"));
    }

    [Fact]
    public void A_task_cannot_fan_out_by_day_and_by_hour()
    {
        Assert.Equal("task 'A' has both per_day and per_hour: a task fans out one way; keep one",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: noop, per_day: interval, per_hour: interval}\n"));
    }

    [Fact]
    public void A_per_hour_output_must_depend_on_the_hour()
    {
        var problem = Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: noop, per_hour: interval, outputs: {log: \"logs/${hour.date}.log\"}}\n");

        Assert.StartsWith("task 'A' runs per hour, but its output 'log' (logs/${hour.date}.log) does not depend on the hour", problem);
    }

    [Fact]
    public void Hour_exists_only_in_a_per_hour_task_and_date_not_in_one()
    {
        Assert.Equal("task 'A': ${hour} names nothing: ${hour} exists only in a per_hour task",
            Problem("workflow: W\ntasks:\n  A: {uses: shell, with: {command: \"echo ${hour}\"}}\n"));
        Assert.Equal("task 'A': ${date} names nothing: a per_hour task has ${hour} and its day ${hour.date}",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: shell, per_hour: interval, with: {command: \"echo ${date}\"}}\n"));
        Assert.Equal("task 'A': ${hour.minute} names nothing: a per_hour task has ${hour} and its day ${hour.date}",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: shell, per_hour: interval, with: {command: \"echo ${hour.minute}\"}}\n"));
    }

    [Fact]
    public void Overwrite_n_hours_belongs_to_per_hour_tasks_and_overwrite_n_days_does_not()
    {
        Assert.Equal("task 'A': overwrite_n_hours recomputes the last hours of a per_hour task, and this task has no per_hour: a per_day task has overwrite_n_days",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: noop, per_day: interval, overwrite_n_hours: 3}\n"));
        Assert.Equal("task 'A' runs per hour: its overwrite window is counted in hours; write overwrite_n_hours (72 for three days) instead of overwrite_n_days",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: noop, per_hour: interval, overwrite_n_days: 3}\n"));
        Assert.Equal("task 'A': overwrite_n_hours must be a whole number of 0 or more, or an expression such as ${overwrite_n_hours}, not 'three'",
            Problem("workflow: W\nparameters:\n  interval: interval\ntasks:\n  A: {uses: noop, per_hour: interval, overwrite_n_hours: three}\n"));
    }

    [Fact]
    public void A_parameter_called_hour_is_refused_beside_a_per_hour_task()
    {
        Assert.Equal("parameter name 'hour' is taken by the hour of per-hour task 'A': choose another name",
            Problem("workflow: W\nparameters:\n  hour: hour\n  interval: interval\ntasks:\n  A: {uses: noop, per_hour: interval}\n"));
    }

    [Fact]
    public void A_bad_literal_hour_default_is_reported_with_the_parameter()
    {
        Assert.Equal("default of 'since': invalid hour '2026-01-01T07:30': an hour starts on the hour, and :30 is past it; write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)",
            Problem("workflow: W\nparameters:\n  since: {type: hour, default: \"2026-01-01T07:30\"}\ntasks:\n  A: {uses: noop}\n"));
    }
}
