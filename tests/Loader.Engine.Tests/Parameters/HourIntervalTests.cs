using Loader.Parameters;

namespace Loader.Engine.Tests.Parameters;

public sealed class HourIntervalTests
{
    private static Hour At(string text) => Hour.Parse(text);

    [Fact]
    public void Luigi_test_hours_a_year_holds_24_times_365_hours()
    {
        // Luigi's test/date_interval_test.py, test_hours: len(list(DI().parse("2015").hours())) == 24 * 365.
        var hours = DateInterval.Parse("2015").EachHour().ToList();

        Assert.Equal(24 * 365, hours.Count);
        Assert.Equal(At("2015-01-01T00"), hours[0]);
        Assert.Equal(At("2015-12-31T23"), hours[^1]);
    }

    [Theory]
    [InlineData("2016", 24 * 366)]
    [InlineData("2026-02", 24 * 28)]
    [InlineData("2026-W02", 24 * 7)]
    [InlineData("2026-01-05", 24)]
    [InlineData("2026-01-01-2026-01-04", 72)]
    public void Every_interval_of_days_yields_24_hours_a_day(string text, int count)
    {
        var interval = DateInterval.Parse(text);

        Assert.Equal(count, interval.EachHour().Count());
        Assert.Equal(Hour.Of(interval.Start, 0), interval.FirstHour);
        Assert.Equal(Hour.Of(interval.End, 0), interval.EndHour);
        Assert.Null(interval.Hours);
    }

    [Fact]
    public void An_hour_range_holds_its_hours_end_excluded_and_keeps_its_text()
    {
        var interval = DateInterval.Parse("2026-01-02T00-2026-01-02T06");

        Assert.Equal(["2026-01-02T00", "2026-01-02T01", "2026-01-02T02", "2026-01-02T03", "2026-01-02T04", "2026-01-02T05"],
            interval.EachHour().Select(h => h.ToString()));
        Assert.Equal("2026-01-02T00-2026-01-02T06", interval.Text);
        Assert.Equal("2026-01-02T00-2026-01-02T06", interval.RangeText);
        Assert.Equal("2026-01-02T00-2026-01-02T06", ParameterParser.Format(interval));
        Assert.Equal((new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 3)), (interval.Start, interval.End));
    }

    [Fact]
    public void An_hour_range_across_midnight_covers_both_days()
    {
        var interval = DateInterval.Parse("2026-01-02T22-2026-01-03T02");

        Assert.Equal(4, interval.EachHour().Count());
        Assert.Equal(["2026-01-02", "2026-01-03"], interval.EachDay().Select(d => d.ToString("yyyy-MM-dd", null)));
    }

    [Fact]
    public void An_hour_range_ending_at_midnight_covers_only_the_days_before_it()
    {
        var interval = DateInterval.Parse("2026-01-02T00-2026-01-03T00");

        Assert.Equal(24, interval.EachHour().Count());
        Assert.Equal(1, interval.Days);
        Assert.NotEqual(DateInterval.Parse("2026-01-02-2026-01-03").Text, interval.Text);
    }

    [Fact]
    public void One_hour_is_an_interval_of_that_hour()
    {
        var interval = DateInterval.Parse("2026-01-02T05:00");

        Assert.Equal([At("2026-01-02T05")], interval.EachHour());
        Assert.Equal("2026-01-02T05", interval.Text);
        Assert.Equal("2026-01-02T05-2026-01-02T06", interval.RangeText);
        Assert.Equal(interval, DateInterval.Parse("2026-01-02T05-2026-01-02T06"));
    }

    [Fact]
    public void Two_spellings_of_one_hour_range_are_one_value_written_one_way()
    {
        var spelled = DateInterval.Parse("2026-01-02T00:00-2026-01-02T06:00");

        Assert.Equal(DateInterval.Parse("2026-01-02T00-2026-01-02T06"), spelled);
        Assert.Equal("2026-01-02T00-2026-01-02T06", spelled.Text);
        Assert.Equal(spelled, DateInterval.Parse(spelled.Text));
    }

    [Fact]
    public void Hours_move_to_the_next_and_previous_hours_of_the_same_length()
    {
        var interval = DateInterval.Parse("2026-01-02T20-2026-01-03T02");

        Assert.Equal("2026-01-03T02-2026-01-03T08", interval.Next().Text);
        Assert.Equal("2026-01-02T14-2026-01-02T20", interval.Previous().Text);
        Assert.Equal("2026-01-02T06", DateInterval.Parse("2026-01-02T05").Next().Text);
    }

    [Fact]
    public void An_hour_range_whose_end_is_its_start_is_empty_as_such_a_range_of_days_is()
    {
        var hours = DateInterval.Parse("2026-01-02T06-2026-01-02T06");
        var days = DateInterval.Parse("2026-01-02-2026-01-02");

        Assert.True(hours.IsEmpty);
        Assert.Empty(hours.EachHour());
        Assert.Empty(hours.EachDay());
        Assert.Equal((0, 0), (hours.Days, days.Days));
        Assert.Equal("2026-01-02T06-2026-01-02T06", hours.Text);
        Assert.Equal(hours, DateInterval.Parse(hours.Text));
    }

    [Theory]
    [InlineData("2026-01-02T06-2026-01-02T00", "invalid hour interval '2026-01-02T06-2026-01-02T00': its end 2026-01-02T00 is before its start 2026-01-02T06; write the earlier hour first")]
    [InlineData("2026-01-02T00-2026-01-02T24", "invalid hour interval '2026-01-02T00-2026-01-02T24': invalid hour '2026-01-02T24': hours of the day run from 00 to 23 (midnight ending 2026-01-02 is 2026-01-03T00)")]
    [InlineData("2026-01-02T00-2026-01-03", "invalid hour interval '2026-01-02T00-2026-01-03': invalid hour '2026-01-03': write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T00/2026-01-02T06", "invalid hour interval '2026-01-02T00/2026-01-02T06': write one UTC hour (2026-01-02T05) or a range of them, end excluded (2026-01-02T00-2026-01-02T06)")]
    [InlineData("9999-12-31T23", "invalid hour interval '9999-12-31T23': it runs past 9999-12-31, the last date there is")]
    public void A_bad_hour_interval_says_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => DateInterval.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_interval_parameter_takes_an_hour_range_and_names_itself_when_refused()
    {
        var spec = new ParameterSpec("hours", ParameterKind.Interval, null, null, true, false, [], Loader.Workflows.SourceSpan.None);
        var parser = new ParameterParser(TimeProvider.System);

        var interval = (DateInterval)parser.Parse(spec, "2026-01-02T00-2026-01-02T06");
        var error = Assert.Throws<FormatException>(() => parser.Parse(spec, "2026-01-02T06-2026-01-02T00"));

        Assert.Equal(6, interval.EachHour().Count());
        Assert.StartsWith("parameter 'hours': invalid hour interval '2026-01-02T06-2026-01-02T00'", error.Message);
    }
}
