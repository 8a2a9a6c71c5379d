using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

public sealed class EmptyIntervalTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public EmptyIntervalTests() => _sandbox.WriteWorkflow("daily.yml", Daily);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void An_empty_interval_binds_no_task_over_it_and_says_so_in_a_note()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", "2026-01-05-2026-01-05")));

        Assert.Empty(graph.Instances);
        Assert.Empty(graph.Goals);
        Assert.Equal(["interval 2026-01-05-2026-01-05 holds no days (its end is excluded), so nothing over it is planned"], graph.Notes);
    }

    [Theory]
    [InlineData("2026-01-05T06-2026-01-05T06", "hours")]
    [InlineData("2026-01-05-2026-01-05", "days")]
    public void An_empty_interval_of_hours_binds_nothing_per_hour_or_per_day_with_the_same_note_as_days(string interval, string unit)
    {
        _sandbox.WriteWorkflow("hourly.yml", """
            workflow: Hourly
            parameters:
              interval: interval
            tasks:
              Fetch:
                per_hour: interval
                uses: noop
                outputs: {log: "/tracking/${hour:yyyy/MM/dd/HH}.log"}
              Daily:
                per_day: interval
                requires: Fetch
                uses: noop
                outputs: {counts: "/counts/${date}.csv"}
            """);

        var graph = _sandbox.Bind("Hourly", Args(("interval", interval)));

        Assert.Empty(graph.Instances);
        Assert.Equal([$"interval {interval} holds no {unit} (its end is excluded), so nothing over it is planned"], graph.Notes);
    }

    [Theory]
    [InlineData("2026-01-06-2026-01-05", "invalid date interval '2026-01-06-2026-01-05': its end 2026-01-05 is before its start 2026-01-06; write the earlier date first")]
    [InlineData("2026-01-05T06-2026-01-05T02", "invalid hour interval '2026-01-05T06-2026-01-05T02': its end 2026-01-05T02 is before its start 2026-01-05T06; write the earlier hour first")]
    public void A_reversed_interval_of_days_or_hours_says_its_end_is_before_its_start(string interval, string problem)
    {
        var error = Assert.Throws<WorkflowException>(() => _sandbox.Bind("Daily", Args(("interval", interval))));

        Assert.Equal($"workflow 'Daily', parameter 'interval': {problem} (from command line)", error.Message);
    }

    [Fact]
    public void An_interval_with_days_has_no_note()
    {
        Assert.Empty(_sandbox.Bind("Daily", Args(("interval", "2026-01-05"))).Notes);
    }

    [Fact]
    public void An_empty_interval_that_no_task_runs_over_or_is_identified_by_plans_as_usual()
    {
        // An overwrite window from --overwrite-from-date at the interval's end holds no days: nothing is recomputed,
        // and every day is still planned.
        _sandbox.WriteWorkflow("engagement.yml", """
            workflow: ModuleEngagement
            parameters:
              interval: interval
              overwrite_from_date: {type: date, default: "${interval.end}"}
              overwritten: {type: interval, default: "${overwrite_from_date}-${interval.end}", significant: false}
            tasks:
              ModuleEngagementInterval:
                per_day: interval
                overwrite_n_days: ${overwritten.days}
                uses: noop
                outputs: {out: "/warehouse/module_engagement/dt=${date}/"}
            """);

        var byDefault = _sandbox.Bind("ModuleEngagement", Args(("interval", "2026-01-01-2026-01-15")));
        var fixing = _sandbox.Bind("ModuleEngagement", Args(("interval", "2026-01-01-2026-01-15"), ("overwrite-from-date", "2026-01-10")));

        Assert.Equal(14, byDefault.Instances.Count);
        Assert.Empty(byDefault.Notes);
        Assert.All(byDefault.Instances, i => Assert.Equal(0, i.OverwriteNDays));
        Assert.All(fixing.Instances, i => Assert.Equal(5, i.OverwriteNDays));
        Assert.True(((DateInterval)byDefault.Root.Values["overwritten"]).IsEmpty);
    }
}
