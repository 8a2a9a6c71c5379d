using Loader.Engine.Tests.TestSupport;
using Loader.Parameters;
using Loader.Workflows;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Parameters;

/// <summary>
/// The cases of Luigi's own date-interval tests (<c>test/date_interval_test.py</c>), each with the days and text Luigi
/// expects. Where Loader differs on purpose, the case says so and docs/workflows.md says why.
/// </summary>
public sealed class LuigiDateIntervalTests
{
    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Written form, first day, number of days: Luigi's <c>dates()</c> is that many days in a row.</summary>
    public static TheoryData<string, string, int> Forms => new()
    {
        { "2012-01-01", "2012-01-01", 1 },
        { "2012-01", "2012-01-01", 31 },
        { "2012", "2012-01-01", 366 },
        { "2011-W52", "2011-12-26", 7 },
        { "2013-W01", "2012-12-31", 7 },
        { "2012-01-01-2012-02-01", "2012-01-01", 31 },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Each_form_holds_the_days_luigi_gives_and_writes_back_as_given(string text, string first, int days)
    {
        var interval = DateInterval.Parse(text);

        Assert.Equal(Enumerable.Range(0, days).Select(i => Day(first).AddDays(i)), interval.EachDay());
        Assert.Equal(text, interval.ToString());
    }

    /// <summary>An interval, its next one's first day and length, its previous one's first day and length.</summary>
    public static TheoryData<string, string, int, string, int> Moves => new()
    {
        { "2012-01-01", "2012-01-02", 1, "2011-12-31", 1 },
        { "2012-01", "2012-02-01", 29, "2011-12-01", 31 },
        { "2012", "2013-01-01", 365, "2011-01-01", 365 },
        // The ISO week after the last one of 2011 starts in 2012; the one before the first of 2013 is in 2012.
        { "2011-W52", "2012-01-02", 7, "2011-12-19", 7 },
        { "2013-W01", "2013-01-07", 7, "2012-12-24", 7 },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Next_and_previous_are_the_neighbouring_interval_of_the_same_form(string text, string next, int nextDays, string previous, int previousDays)
    {
        var interval = DateInterval.Parse(text);

        Assert.Equal(Enumerable.Range(0, nextDays).Select(i => Day(next).AddDays(i)), interval.Next().EachDay());
        Assert.Equal(Enumerable.Range(0, previousDays).Select(i => Day(previous).AddDays(i)), interval.Previous().EachDay());
        Assert.Equal(interval.Form, interval.Next().Form);
    }

    [Fact]
    public void A_custom_range_moves_by_its_own_length_where_luigi_has_no_next_or_prev()
    {
        // Luigi raises NotImplementedError; Loader moves the 31 days by 31 days, so "the same span before" is expressible.
        var interval = DateInterval.Parse("2012-01-01-2012-02-01");

        Assert.Equal("2012-02-01-2012-03-03", interval.Next().ToString());
        Assert.Equal("2011-12-01-2012-01-01", interval.Previous().ToString());
    }

    [Fact]
    public void Text_that_is_no_interval_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => DateInterval.Parse("xyz"));

        Assert.StartsWith("invalid date interval 'xyz'", error.Message);
    }

    [Fact]
    public void Two_readings_of_one_text_are_equal_and_count_once()
    {
        var a = DateInterval.Parse("2011");
        var b = DateInterval.Parse("2013");
        var c = DateInterval.Parse("2012");
        var d = DateInterval.Parse("2012");

        Assert.Equal(c, d);
        Assert.NotEqual(a, c);
        Assert.Equal(3, new HashSet<DateInterval> { a, b, c, d }.Count);
        // Luigi also orders intervals by (start, end); Loader has no use for an order of intervals and offers none.
    }

    [Fact]
    public void A_year_and_the_custom_range_of_its_days_are_different_values_holding_the_same_days()
    {
        // Luigi raises TypeError comparing Year and Custom; in Loader they are simply not equal (two task identities,
        // as Luigi's task ids differ), while their days are the same.
        var year = DateInterval.Parse("2012");
        var range = DateInterval.Parse("2012-01-01-2013-01-01");

        Assert.NotEqual(year, range);
        Assert.Equal(year.EachDay(), range.EachDay());
        Assert.Equal(year.RangeText, range.RangeText);
    }

    public static TheoryData<string, string> CustomPairs()
    {
        string[] ranges = ["2015-01-01-2015-01-30", "2015-01-01-2015-01-15", "2015-01-10-2015-01-20", "2015-01-20-2015-01-30"];
        var pairs = new TheoryData<string, string>();
        foreach (var a in ranges)
        {
            foreach (var b in ranges)
            {
                pairs.Add(a, b);
            }
        }
        return pairs;
    }

    [Theory]
    [MemberData(nameof(CustomPairs))]
    public void Custom_ranges_are_equal_exactly_when_their_start_and_end_are(string a, string b)
    {
        var first = DateInterval.Parse(a);
        var second = DateInterval.Parse(b);

        Assert.Equal((first.Start, first.End) == (second.Start, second.End), first == second);
        Assert.Equal((first.Start, first.End) != (second.Start, second.End), first != second);
    }

    [Theory]
    [InlineData("2012-01", "2012-01-01", true)]
    [InlineData("2012-01", "2012-01-31", true)]
    [InlineData("2012-01", "2012-02-01", false)]
    [InlineData("2011-W52", "2012-01-01", true)]
    [InlineData("2011-W52", "2011-12-25", false)]
    [InlineData("2012-01-01-2012-01-05", "2012-01-05", false)]
    public void An_interval_contains_its_days_and_not_its_end(string text, string day, bool contains)
    {
        Assert.Equal(contains, DateInterval.Parse(text).Contains(Day(day)));
    }

    [Fact]
    public void A_default_applies_unless_a_value_is_given_and_without_either_the_parameter_is_missing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters:
              di: {type: interval, default: 2012-11}
            tasks:
              T: {uses: noop, outputs: {out: "/out/${di}"}}
            """);
        sandbox.WriteWorkflow("n.yml", """
            workflow: NoDefault
            parameters:
              di: interval
            tasks:
              T2: {uses: noop, outputs: {out: "/out2/${di}"}}
            """);

        Assert.Equal("2012-11", sandbox.Bind("W").Root.Values["di"].ToString());
        Assert.Equal("2012-10", sandbox.Bind("W", Args(("di", "2012-10"))).Root.Values["di"].ToString());
        Assert.Equal("2012-10", sandbox.Bind("NoDefault", Args(("di", "2012-10"))).Root.Values["di"].ToString());
        var missing = Assert.Throws<WorkflowException>(() => sandbox.Bind("NoDefault"));
        Assert.StartsWith("missing parameter --di for workflow 'NoDefault'", missing.Message);
    }
}
