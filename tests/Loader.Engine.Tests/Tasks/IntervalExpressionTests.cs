using Loader.Engine.Tests.TestSupport;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

public sealed class IntervalExpressionTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The text <paramref name="expression"/> renders to in an output path, with --interval <paramref name="interval"/>.</summary>
    private string Rendered(string expression, string interval)
    {
        _sandbox.WriteWorkflow("w.yml", $$"""
            workflow: W
            parameters:
              interval: interval
            tasks:
              Report:
                uses: noop
                outputs: {out: "/out/{{expression}}"}
            """);
        var report = Assert.Single(_sandbox.Bind("W", Args(("interval", interval))).Instances);
        return report.Outputs[0].Location[5..];
    }

    [Theory]
    [InlineData("2012", "2012")]
    [InlineData("2012-01", "2012-01")]
    [InlineData("2011-W52", "2011-W52")]
    [InlineData("2012-01-01", "2012-01-01")]
    [InlineData("2012-01-01-2012-02-01", "2012-01-01-2012-02-01")]
    [InlineData(" 2012-01 ", "2012-01")]
    [InlineData("today", "2026-01-20")]
    [InlineData("today-1", "2026-01-19")]
    public void An_interval_renders_in_the_form_it_was_given(string given, string rendered)
    {
        Assert.Equal(rendered, Rendered("${interval}", given));
    }

    [Theory]
    [InlineData("${interval.start}", "2012-01-01")]
    [InlineData("${interval.end}", "2012-02-01")]
    [InlineData("${interval.days}", "31")]
    [InlineData("${interval.days:D3}", "031")]
    [InlineData("${interval.range}", "2012-01-01-2012-02-01")]
    [InlineData("${interval.next}", "2012-02")]
    [InlineData("${interval.prev}", "2011-12")]
    [InlineData("${interval.prev.prev}", "2011-11")]
    [InlineData("${interval.next.days}", "29")]
    [InlineData("${interval.prev.start:yyyyMMdd}", "20111201")]
    [InlineData("${interval.next.range}", "2012-02-01-2012-03-01")]
    [InlineData("${interval.end - 1d}", "2012-01-31")]
    public void An_interval_has_a_start_an_end_a_count_a_range_and_neighbours(string expression, string rendered)
    {
        Assert.Equal(rendered, Rendered(expression, "2012-01"));
    }

    [Theory]
    [InlineData("2011-W52", "2012-W01", "2011-W51")]
    [InlineData("2012", "2013", "2011")]
    [InlineData("2012-02-28", "2012-02-29", "2012-02-27")]
    [InlineData("2012-01-01-2012-01-11", "2012-01-11-2012-01-21", "2011-12-22-2012-01-01")]
    public void Next_and_prev_keep_the_form(string given, string next, string previous)
    {
        Assert.Equal(next, Rendered("${interval.next}", given));
        Assert.Equal(previous, Rendered("${interval.prev}", given));
    }

    [Fact]
    public void A_move_past_the_calendar_names_the_expression()
    {
        var error = Assert.Throws<WorkflowException>(() => Rendered("${interval.next}", "9999-12-30"));

        Assert.Contains("runs past the calendar's ends (0001-01-01 to 9999-12-31) from 9999-12-30", error.Message);
    }

    [Theory]
    [InlineData("${interval.length}")]
    [InlineData("${interval.start.next}")]
    [InlineData("${interval.days.range}")]
    public void An_unknown_member_of_an_interval_is_a_problem_listing_the_members(string expression)
    {
        _sandbox.WriteWorkflow("w.yml", $$$"""
            workflow: W
            parameters:
              interval: interval
            tasks:
              Report: {uses: noop, outputs: {out: "/out/{{{expression}}}"}}
            """);

        var problem = Assert.Single(_sandbox.Catalog().Problems);
        Assert.EndsWith(expression + " names nothing: an interval has start, end, days, hours, range, next and prev, as in ${interval.start} or ${interval.prev.end}", problem.Message);
    }

    [Fact]
    public void A_default_may_name_an_interval_member_and_an_unknown_one_is_a_problem()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              interval: interval
              previous: {type: interval, default: "${interval.prev}"}
              wrong: {type: string, default: "${interval.weeks}"}
              also_wrong: {type: string, default: "${previous.start.end}"}
            tasks:
              Report: {uses: noop, outputs: {out: "/out/${previous}-${wrong}-${also_wrong}"}}
            """);

        var problems = _sandbox.Catalog().Problems.Select(p => p.Message).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.EndsWith("default of 'wrong' names ${interval.weeks}: an interval has start, end, days, hours, range, next and prev", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("default of 'also_wrong' names ${previous.start.end}: an interval has start, end, days, hours, range, next and prev", StringComparison.Ordinal));
    }

    [Fact]
    public void A_default_of_the_previous_interval_keeps_the_form()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              interval: interval
              previous: {type: interval, default: "${interval.prev}"}
            tasks:
              Compare: {uses: noop, outputs: {out: "/out/${interval}-vs-${previous}"}}
            """);

        var compare = Assert.Single(_sandbox.Bind("W", Args(("interval", "2026-W01"))).Instances);

        Assert.Equal("/out/2026-W01-vs-2025-W52", compare.Outputs[0].Location);
        Assert.Equal("Compare(interval=2026-W01, previous=2025-W52)", compare.Id.Text);
    }
}
