using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

/// <summary>Intervals made from an end and a length, and shifts counted by a parameter (the sandbox's today is 2026-01-20).</summary>
public sealed class IntervalArithmeticTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>ModuleEngagement's --end-date X --weeks 24: the interval is the 24 weeks before the end date.</summary>
    private const string Engagement = """
        workflow: Engagement
        parameters:
          end_date: {type: date, default: today}
          weeks: {type: int, default: 24}
          interval: {type: interval, default: "${end_date - weeks w}-${end_date}"}
        tasks:
          UserActivity: {uses: noop, per_day: interval, outputs: {out: "/warehouse/user_activity/dt=${date}/"}}
          CourseActivity:
            requires: [UserActivity]
            uses: noop
            outputs: {out: "/reports/course_activity_${interval.end:yyyyMMdd}.tsv"}
        """;

    [Fact]
    public void An_interval_is_an_end_date_less_a_count_of_weeks_given_as_an_int_parameter()
    {
        _sandbox.WriteWorkflow("w.yml", Engagement);

        var graph = _sandbox.Bind("Engagement", Args(("end-date", "2017-12-05"), ("weeks", "24")));

        var interval = (DateInterval)graph.Root.Values["interval"];
        Assert.Equal("2017-06-20-2017-12-05", interval.Text);
        Assert.Equal(168, interval.Days);
        Assert.Equal(168, graph.Instances.Count(i => i.Family == "UserActivity"));
    }

    [Fact]
    public void The_count_is_part_of_the_identity_of_what_names_it()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              end_date: date
              weeks: int
            tasks:
              Report: {uses: noop, outputs: {out: "/reports/${end_date - weeks w}-${end_date}.tsv"}}
            """);

        var report = Assert.Single(_sandbox.Bind("W", Args(("end_date", "2026-01-20"), ("weeks", "2"))).Instances);

        Assert.Equal("/reports/2026-01-06-2026-01-20.tsv", report.Outputs[0].Location);
        Assert.Equal("Report(end_date=2026-01-20, weeks=2)", report.Id.Text);
    }

    [Fact]
    public void The_last_thirty_days_up_to_yesterday_are_today_less_thirty_days_to_today()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: Recent
            parameters:
              interval: {type: interval, default: "${today - 30d}-${today}"}
            tasks:
              Day: {uses: noop, per_day: interval, outputs: {out: "/days/${date}"}}
            """);

        var days = _sandbox.Bind("Recent").Instances.Select(i => i.Date!.Value).ToList();

        Assert.Equal(30, days.Count);
        Assert.Equal(new DateOnly(2025, 12, 21), days[0]);
        Assert.Equal(new DateOnly(2026, 1, 19), days[^1]);
    }

    [Theory]
    [InlineData("${interval.start - days d}", "2026-01-01", "3", "2025-12-29")]
    [InlineData("${interval.end + days d:yyyyMMdd}", "2026-01", "1", "20260202")]
    [InlineData("${interval.prev.start - days w}", "2026-W02", "2", "2025-12-15")]
    [InlineData("${interval.end-days d}", "2026-01", "0", "2026-02-01")]
    public void A_shift_counted_by_a_parameter_moves_any_date(string expression, string interval, string days, string rendered)
    {
        _sandbox.WriteWorkflow("w.yml", $$$"""
            workflow: W
            parameters:
              interval: interval
              days: int
            tasks:
              T: {uses: noop, outputs: {out: "/out/{{{expression}}}"}}
            """);

        var task = Assert.Single(_sandbox.Bind("W", Args(("interval", interval), ("days", days))).Instances);

        Assert.Equal("/out/" + rendered, task.Outputs[0].Location);
    }

    [Fact]
    public void A_shift_counted_by_what_is_not_an_int_parameter_is_a_problem()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              end_date: date
              region: {type: string, default: eu}
              interval: {type: interval, default: "${end_date - length w}-${end_date}"}
            tasks:
              T: {uses: noop, outputs: {out: "/out/${end_date - region d}/${interval}"}}
            """);

        var problems = _sandbox.Catalog().Problems.Select(p => p.Message).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.EndsWith("default of 'interval': ${end_date - length w} counts its shift by 'length', which is not an int parameter of workflow 'W'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("task 'T': ${end_date - region d} counts its shift by 'region', which is not an int parameter of workflow 'W'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_that_runs_into_its_unit_is_refused_with_the_form_to_use()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters: {end_date: date, weeks: int}
            tasks:
              T: {uses: noop, outputs: {out: "/out/${end_date - weeksw}"}}
            """);

        var problem = Assert.Single(_sandbox.Catalog().Problems);

        Assert.EndsWith("invalid expression '${end_date - weeksw}': expected a name such as ${date}, ${config.data_dir}, ${date - 7d} or ${end_date - weeks w} (as many weeks as the int parameter weeks holds)", problem.Message);
    }

    [Fact]
    public void A_shift_past_the_calendar_names_the_expression()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters: {end_date: date, weeks: int}
            tasks:
              T: {uses: noop, outputs: {out: "/out/${end_date - weeks w}"}}
            """);

        var error = Assert.Throws<WorkflowException>(() => _sandbox.Bind("W", Args(("end_date", "2026-01-20"), ("weeks", "9000000000"))));

        Assert.Contains("${end_date - weeks w}", error.Message);
        Assert.Contains("runs past the calendar's ends (0001-01-01 to 9999-12-31)", error.Message);
    }

    [Fact]
    public void The_previous_interval_of_a_custom_range_is_the_same_length_before_it()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              interval: interval
              baseline: {type: interval, default: "${interval.prev}", significant: false}
            tasks:
              Compare: {uses: noop, outputs: {out: "/out/${interval}-vs-${baseline}"}}
            """);

        var compare = Assert.Single(_sandbox.Bind("W", Args(("interval", "2026-01-06-2026-01-20"))).Instances);

        Assert.Equal("/out/2026-01-06-2026-01-20-vs-2025-12-23-2026-01-06", compare.Outputs[0].Location);
    }
}
