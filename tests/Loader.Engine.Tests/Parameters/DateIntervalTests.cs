using Loader.Parameters;

namespace Loader.Engine.Tests.Parameters;

public sealed class DateIntervalTests
{
    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Interval_parses_a_year_as_january_first_to_the_next_january_first()
    {
        var interval = DateInterval.Parse("2016");

        Assert.Equal(Day(2016, 1, 1), interval.Start);
        Assert.Equal(Day(2017, 1, 1), interval.End);
    }

    [Fact]
    public void Interval_parses_a_month()
    {
        var interval = DateInterval.Parse("2016-05");

        Assert.Equal(Day(2016, 5, 1), interval.Start);
        Assert.Equal(Day(2016, 6, 1), interval.End);
    }

    [Fact]
    public void Interval_parses_december_into_the_next_year()
    {
        var interval = DateInterval.Parse("2016-12");

        Assert.Equal(Day(2017, 1, 1), interval.End);
        Assert.Equal(31, interval.Days);
    }

    [Fact]
    public void Interval_parses_iso_week()
    {
        var interval = DateInterval.Parse("2016-W05");

        Assert.Equal(Day(2016, 2, 1), interval.Start);
        Assert.Equal(DayOfWeek.Monday, interval.Start.DayOfWeek);
        Assert.Equal(Day(2016, 2, 8), interval.End);
    }

    [Fact]
    public void Iso_week_one_can_start_in_the_previous_year()
    {
        // 2015-01-01 is a Thursday, so ISO week 1 of 2015 starts on Monday 2014-12-29.
        var interval = DateInterval.Parse("2015-W01");

        Assert.Equal(Day(2014, 12, 29), interval.Start);
        Assert.Equal(7, interval.Days);
    }

    [Fact]
    public void Iso_week_53_exists_in_long_years()
    {
        var interval = DateInterval.Parse("2020-W53");

        Assert.Equal(Day(2020, 12, 28), interval.Start);
        Assert.Equal(Day(2021, 1, 4), interval.End);
    }

    [Theory]
    [InlineData("2021-W53")]
    [InlineData("2016-W00")]
    [InlineData("2016-W54")]
    public void An_iso_week_the_year_does_not_have_is_invalid(string text)
    {
        Assert.False(DateInterval.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => DateInterval.Parse(text));
        Assert.Contains("invalid date interval", error.Message);
    }

    [Fact]
    public void Interval_parses_one_day()
    {
        var interval = DateInterval.Parse("2016-05-01");

        Assert.Equal(Day(2016, 5, 1), interval.Start);
        Assert.Equal(Day(2016, 5, 2), interval.End);
        Assert.Equal(1, interval.Days);
    }

    [Fact]
    public void Interval_parses_a_custom_range_with_the_end_excluded()
    {
        var interval = DateInterval.Parse("2016-01-01-2016-02-01");

        Assert.Equal(Day(2016, 1, 1), interval.Start);
        Assert.Equal(Day(2016, 2, 1), interval.End);
        Assert.Equal(31, interval.Days);
        Assert.False(interval.Contains(Day(2016, 2, 1)));
    }

    [Fact]
    public void A_leap_year_has_366_days_and_february_29()
    {
        Assert.Equal(366, DateInterval.Parse("2016").Days);
        Assert.Equal(365, DateInterval.Parse("2015").Days);
        Assert.Equal(29, DateInterval.Parse("2016-02").Days);
        Assert.Equal(28, DateInterval.Parse("2100-02").Days);
        Assert.Equal(29, DateInterval.Parse("2000-02").Days);
        Assert.Equal(Day(2016, 3, 1), DateInterval.Parse("2016-02-29").End);
    }

    [Fact]
    public void February_29_of_a_common_year_is_invalid()
    {
        Assert.False(DateInterval.TryParse("2015-02-29", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2016-13")]
    [InlineData("2016-00")]
    [InlineData("2016-05-32")]
    [InlineData("16-05")]
    [InlineData("2016/05/01")]
    [InlineData("2016-5-1")]
    [InlineData("May 2016")]
    [InlineData("2016-01-01-")]
    public void Bad_text_is_an_invalid_date_interval_naming_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => DateInterval.Parse(text));

        Assert.StartsWith($"invalid date interval '{text.Trim()}'", error.Message);
        Assert.Contains("2016, 2016-05, 2016-W05, 2016-05-01 or 2016-01-01-2016-02-01 (end excluded)", error.Message);
    }

    [Theory]
    [InlineData("2016-02-01-2016-01-01", "its end 2016-01-01 is before its start 2016-02-01")]
    [InlineData("2014-W53", "2014 has 52 ISO weeks, so there is no week 53")]
    [InlineData("2016-W00", "2016 has 52 ISO weeks, so there is no week 00")]
    [InlineData("9999-12-31", "it runs past 9999-12-31")]
    public void An_interval_that_cannot_be_is_refused_saying_why(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => DateInterval.Parse(text));

        Assert.StartsWith($"invalid date interval '{text}': {why}", error.Message);
    }

    [Fact]
    public void TryParse_of_null_is_false()
    {
        Assert.False(DateInterval.TryParse(null, out _));
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.Equal(DateInterval.Parse("2016-05"), DateInterval.Parse("  2016-05 "));
    }

    [Fact]
    public void EachDay_lists_every_day_in_order_without_the_end()
    {
        var days = DateInterval.Parse("2016-02-27-2016-03-02").EachDay().ToList();

        Assert.Equal([Day(2016, 2, 27), Day(2016, 2, 28), Day(2016, 2, 29), Day(2016, 3, 1)], days);
    }

    [Fact]
    public void Days_counts_each_day()
    {
        var interval = DateInterval.Parse("2016-W05");

        Assert.Equal(7, interval.Days);
        Assert.Equal(interval.Days, interval.EachDay().Count());
    }

    [Fact]
    public void Contains_includes_the_start_and_excludes_the_end()
    {
        var interval = DateInterval.Parse("2016-05");

        Assert.True(interval.Contains(Day(2016, 5, 1)));
        Assert.True(interval.Contains(Day(2016, 5, 31)));
        Assert.False(interval.Contains(Day(2016, 6, 1)));
        Assert.False(interval.Contains(Day(2016, 4, 30)));
    }

    [Fact]
    public void Range_text_is_the_same_for_every_spelling_of_one_interval()
    {
        var month = DateInterval.Parse("2016-02");
        var range = DateInterval.Parse("2016-02-01-2016-03-01");

        Assert.Equal("2016-02-01-2016-03-01", month.RangeText);
        Assert.Equal(month.RangeText, range.RangeText);
        Assert.Equal("2016-02", month.Text);
        Assert.Equal("2016-02", month.ToString());
    }

    [Fact]
    public void Range_text_of_a_week_is_its_monday_to_the_next_monday()
    {
        Assert.Equal("2016-02-01-2016-02-08", DateInterval.Parse("2016-W05").RangeText);
    }

    [Fact]
    public void Range_text_parses_back_to_the_same_days_as_a_custom_range()
    {
        var week = DateInterval.Parse("2020-W53");

        var again = DateInterval.Parse(week.RangeText);

        Assert.Equal((week.Start, week.End), (again.Start, again.End));
        Assert.Equal(IntervalForm.Range, again.Form);
        Assert.NotEqual(week, again);
    }

    [Fact]
    public void A_custom_range_ending_where_it_starts_is_empty_as_in_luigi()
    {
        var empty = DateInterval.Parse("2016-01-01-2016-01-01");

        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.Days);
        Assert.Empty(empty.EachDay());
        Assert.Equal("2016-01-01-2016-01-01", empty.Text);
    }
}
