using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

/// <summary>Shifts of hours and of intervals, of days or of hours, and the next and previous hours, as expressions render them.</summary>
public sealed class HourArithmeticTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>What <paramref name="expression"/> renders to in a task's output, with <c>--interval</c> <paramref name="interval"/>.</summary>
    private string Render(string interval, string expression)
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              interval: interval
              at: {type: hour, default: 2026-01-02T05}
            tasks:
              Report:
                uses: noop
                outputs:
                  out: "/out/EXPRESSION"
            """.Replace("EXPRESSION", expression, StringComparison.Ordinal));
        return Assert.Single(_sandbox.Bind("W", Args(("interval", interval))).Instances).Outputs[0].Location["/out/".Length..];
    }

    [Theory]
    [InlineData("${at - 3h}", "2026-01-02T02")]
    [InlineData("${at + 1h}", "2026-01-02T06")]
    [InlineData("${at - 6h}", "2026-01-01T23")]
    [InlineData("${at + 1d}", "2026-01-03T05")]
    [InlineData("${at - 1w:yyyyMMddHH}", "2025122605")]
    [InlineData("${at.date - 1d}", "2026-01-01")]
    public void An_hour_moves_by_hours_days_and_weeks(string expression, string rendered)
    {
        Assert.Equal(rendered, Render("2026-01-05", expression));
    }

    [Theory]
    [InlineData("2026-01-05T00-2026-01-05T06", "${interval - 3h}", "2026-01-04T21-2026-01-05T03")]
    [InlineData("2026-01-05T00-2026-01-05T06", "${interval + 1h}", "2026-01-05T01-2026-01-05T07")]
    [InlineData("2026-01-05T00-2026-01-05T06", "${interval - 1d}", "2026-01-04T00-2026-01-04T06")]
    [InlineData("2026-01-05T05", "${interval + 1w}", "2026-01-12T05")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.next}", "2026-01-06T02-2026-01-06T06")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.prev}", "2026-01-05T18-2026-01-05T22")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.prev.prev}", "2026-01-05T14-2026-01-05T18")]
    [InlineData("2026-01-05T05", "${interval.next}", "2026-01-05T06")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.hours}", "4")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.days}", "2")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.start}-${interval.end}", "2026-01-05-2026-01-07")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.range}", "2026-01-05T22-2026-01-06T02")]
    [InlineData("2026-01-05T22-2026-01-06T02", "${interval.next - 4h}", "2026-01-05T22-2026-01-06T02")]
    public void An_interval_of_hours_shifts_and_moves_by_hours_and_keeps_its_form(string interval, string expression, string rendered)
    {
        Assert.Equal(rendered, Render(interval, expression));
    }

    [Theory]
    [InlineData("2026-01-05", "${interval - 1d}", "2026-01-04")]
    [InlineData("2026-01-05", "${interval - 24h}", "2026-01-04")]
    [InlineData("2026-01-05", "${interval - 3h}", "2026-01-04T21-2026-01-05T21")]
    [InlineData("2026-W02", "${interval + 1w}", "2026-W03")]
    [InlineData("2026-W02", "${interval + 1d}", "2026-01-06-2026-01-13")]
    [InlineData("2026-01", "${interval - 1d}", "2025-12-31-2026-01-31")]
    [InlineData("2026-01-01-2026-01-04", "${interval + 2d}", "2026-01-03-2026-01-06")]
    [InlineData("2026-01-01-2026-01-04", "${interval.hours}", "72")]
    public void An_interval_of_days_shifts_by_days_keeping_a_day_or_week_and_by_hours_into_hours(string interval, string expression, string rendered)
    {
        Assert.Equal(rendered, Render(interval, expression));
    }

    [Theory]
    [InlineData("2026-01-05", "${interval - 30m}", "'interval' moves by whole hours, days or weeks (- 3h, - 1d), not by - 30m")]
    [InlineData("2026-01-05", "${at + 30m}", "'at' moves by whole hours, days or weeks (- 3h, - 1d), not by + 30m")]
    [InlineData("2026-01-05", "${interval.start - 3h}", "'interval.start' is a date, which moves by whole days or weeks (- 1d, - 2w), not by - 3h")]
    [InlineData("0001-01-01T02", "${interval - 3h}", "runs past the calendar's ends")]
    public void A_shift_an_hour_or_interval_cannot_make_is_refused_saying_what_can(string interval, string expression, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => Render(interval, expression));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hours_before_an_end_hour_are_an_interval_default_from_an_hour_and_a_count()
    {
        _sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              end_hour: hour
              hours: {type: int, default: 6}
              interval: {type: interval, default: "${end_hour - hours h}-${end_hour}"}
              day_before: {type: interval, default: "${interval - 1d}"}
              overwrite_from_hour: {type: hour, default: "${end_hour}"}
              overwritten: {type: interval, default: "${overwrite_from_hour}-${end_hour}", significant: false}
            tasks:
              Fetch: {uses: noop, per_hour: interval, overwrite_n_hours: "${overwritten.hours}", outputs: {out: "/logs/${hour:yyyyMMddHH}"}}
            """);

        var graph = _sandbox.Bind("W", Args(("end_hour", "2026-01-05T02")));
        var fixing = _sandbox.Bind("W", Args(("end_hour", "2026-01-05T02"), ("overwrite-from-hour", "2026-01-04T23")));

        Assert.Equal("2026-01-04T20-2026-01-05T02", ((DateInterval)graph.Root.Values["interval"]).Text);
        Assert.Equal("2026-01-03T20-2026-01-04T02", ((DateInterval)graph.Root.Values["day_before"]).Text);
        Assert.Equal(6, graph.Instances.Count);
        Assert.All(graph.Instances, i => Assert.Equal(0, i.OverwriteNHours));
        Assert.All(fixing.Instances, i => Assert.Equal(3, i.OverwriteNHours));
    }
}
