using System.Globalization;
using Loader.Parameters;
using Loader.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Parameters;

public sealed class ParameterParserTests
{
    private static readonly DateOnly Today = new(2026, 1, 20);

    private readonly ParameterParser _parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 9, 30, 0, TimeSpan.Zero)));

    private static ParameterSpec Spec(string name, ParameterKind kind, params string[] choices) =>
        new(name, kind, null, null, Significant: true, Secret: false, choices, SourceSpan.None);

    private object Parse(ParameterKind kind, string text) => _parser.Parse(Spec("p", kind), text);

    private FormatException Error(string name, ParameterKind kind, string text) =>
        Assert.Throws<FormatException>(() => _parser.Parse(Spec(name, kind), text));

    [Fact]
    public void Today_is_the_clock_date()
    {
        Assert.Equal(Today, _parser.Today);
    }

    [Fact]
    public void Today_is_the_clock_date_in_its_local_time_zone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 23, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2"));

        Assert.Equal(new DateOnly(2026, 1, 21), new ParameterParser(clock).Today);
    }

    [Fact]
    public void A_fixed_today_wins_over_the_clock()
    {
        var parser = new ParameterParser(new FakeTimeProvider(), new DateOnly(2016, 5, 1));

        Assert.Equal(new DateOnly(2016, 4, 28), parser.Parse(Spec("day", ParameterKind.Date), "today-3"));
    }

    [Fact]
    public void A_string_is_kept_without_surrounding_spaces()
    {
        Assert.Equal("hello world", Parse(ParameterKind.String, "  hello world "));
    }

    [Fact]
    public void An_int_is_a_whole_number()
    {
        Assert.Equal(42L, Parse(ParameterKind.Int, "42"));
        Assert.Equal(-7L, Parse(ParameterKind.Int, "-7"));
    }

    [Theory]
    [InlineData("4.2")]
    [InlineData("forty")]
    [InlineData("")]
    public void A_bad_int_names_the_parameter_and_the_value(string text)
    {
        var error = Error("count", ParameterKind.Int, text);

        Assert.Equal($"parameter 'count': '{text}' is not a whole number", error.Message);
    }

    [Fact]
    public void A_float_reads_decimals_and_exponents_in_the_invariant_culture()
    {
        Assert.Equal(2.5, Parse(ParameterKind.Float, "2.5"));
        Assert.Equal(1000.0, Parse(ParameterKind.Float, "1e3"));
        Assert.Equal("parameter 'ratio': 'half' is not a number", Error("ratio", ParameterKind.Float, "half").Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    public void A_bool_reads_true_false_yes_no_1_0(string text, bool expected)
    {
        Assert.Equal(expected, Parse(ParameterKind.Bool, text));
    }

    [Fact]
    public void A_bad_bool_names_the_parameter()
    {
        Assert.Equal("parameter 'dry_run': 'maybe' is not true or false", Error("dry_run", ParameterKind.Bool, "maybe").Message);
    }

    [Theory]
    [InlineData("2016-05-01", 2016, 5, 1)]
    [InlineData("today", 2026, 1, 20)]
    [InlineData("yesterday", 2026, 1, 19)]
    [InlineData("today-3", 2026, 1, 17)]
    [InlineData("today-20", 2025, 12, 31)]
    [InlineData("today+2", 2026, 1, 22)]
    public void A_date_reads_iso_days_and_days_relative_to_today(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Parse(ParameterKind.Date, text));
    }

    [Theory]
    [InlineData("2016-13-01")]
    [InlineData("01/05/2016")]
    [InlineData("tomorrow")]
    [InlineData("today-x")]
    public void A_bad_date_names_the_parameter_and_the_accepted_forms(string text)
    {
        var error = Error("day", ParameterKind.Date, text);

        Assert.Equal($"parameter 'day': invalid date '{text}': use yyyy-MM-dd, today, yesterday or today-N", error.Message);
    }

    [Fact]
    public void A_month_reads_yyyy_mm_and_months_relative_to_today()
    {
        Assert.Equal(new Month(2016, 5), Parse(ParameterKind.Month, "2016-05"));
        Assert.Equal(new Month(2026, 1), Parse(ParameterKind.Month, "today"));
        Assert.Equal(new Month(2025, 12), Parse(ParameterKind.Month, "today-20"));
    }

    [Fact]
    public void A_bad_month_names_the_parameter()
    {
        var error = Error("month", ParameterKind.Month, "2016-13");

        Assert.Equal("parameter 'month': invalid month '2016-13': use yyyy-MM, for example 2016-05", error.Message);
    }

    [Fact]
    public void An_interval_reads_every_form()
    {
        var week = (DateInterval)Parse(ParameterKind.Interval, "2016-W05");

        Assert.Equal("2016-02-01-2016-02-08", week.RangeText);
    }

    [Theory]
    [InlineData("today", 2026, 1, 20)]
    [InlineData("yesterday", 2026, 1, 19)]
    [InlineData("today-3", 2026, 1, 17)]
    public void An_interval_of_a_relative_day_is_that_one_day(string text, int year, int month, int day)
    {
        var interval = (DateInterval)Parse(ParameterKind.Interval, text);

        Assert.Equal(new DateOnly(year, month, day), interval.Start);
        Assert.Equal(1, interval.Days);
        Assert.Equal(IntervalForm.Day, interval.Form);
        Assert.Equal(interval.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), interval.Text);
    }

    [Fact]
    public void A_bad_interval_names_the_parameter_and_the_accepted_forms()
    {
        var error = Error("interval", ParameterKind.Interval, "last week");

        Assert.StartsWith("parameter 'interval': invalid date interval 'last week'", error.Message);
        Assert.Contains("2016-W05", error.Message);
    }

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("250ms", 250)]
    [InlineData("2h30m", 9_000_000)]
    [InlineData("00:00:05", 5_000)]
    public void A_duration_reads_every_form(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Parse(ParameterKind.Duration, text));
    }

    [Fact]
    public void A_bad_duration_names_the_parameter()
    {
        Assert.StartsWith("parameter 'timeout': invalid duration 'soon'", Error("timeout", ParameterKind.Duration, "soon").Message);
    }

    [Fact]
    public void An_enum_accepts_only_its_choices()
    {
        var mode = Spec("mode", ParameterKind.Enum, "full", "incremental");

        Assert.Equal("incremental", _parser.Parse(mode, "incremental"));
        var error = Assert.Throws<FormatException>(() => _parser.Parse(mode, "partial"));
        Assert.Equal("parameter 'mode': 'partial' is not one of full, incremental", error.Message);
    }

    [Fact]
    public void An_enum_choice_is_case_sensitive()
    {
        Assert.Throws<FormatException>(() => _parser.Parse(Spec("mode", ParameterKind.Enum, "full"), "FULL"));
    }

    [Fact]
    public void A_list_splits_on_commas_and_trims_each_item()
    {
        Assert.Equal(["web", "mobile", "api"], Assert.IsType<string[]>(Parse(ParameterKind.List, "web, mobile ,api")));
        Assert.Empty(Assert.IsType<string[]>(Parse(ParameterKind.List, "")));
    }

    public static TheoryData<object, string> Canonical => new()
    {
        { "text", "text" },
        { true, "true" },
        { 42L, "42" },
        { 2.5, "2.5" },
        { new DateOnly(2016, 5, 1), "2016-05-01" },
        { DateInterval.Parse("2016-05"), "2016-05" },
        { DateInterval.Parse("2016-05-01-2016-06-01"), "2016-05-01-2016-06-01" },
        { TimeSpan.FromSeconds(90), "1m30s" },
        { new[] { "a", "b" }, "a,b" },
        { new Month(2016, 5), "2016-05" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Format_writes_the_canonical_text_of_each_type(object value, string expected)
    {
        Assert.Equal(expected, ParameterParser.Format(value));
    }

    [Theory]
    [InlineData(ParameterKind.Int, "42")]
    [InlineData(ParameterKind.Float, "0.1")]
    [InlineData(ParameterKind.Bool, "false")]
    [InlineData(ParameterKind.Date, "2016-02-29")]
    [InlineData(ParameterKind.Month, "2016-02")]
    [InlineData(ParameterKind.Interval, "2016-01-01-2016-02-01")]
    [InlineData(ParameterKind.Interval, "2016-01")]
    [InlineData(ParameterKind.Interval, "2015-W53")]
    [InlineData(ParameterKind.Interval, "2016")]
    [InlineData(ParameterKind.Interval, "2016-01-31")]
    [InlineData(ParameterKind.Duration, "2h30m")]
    [InlineData(ParameterKind.List, "a,b,c")]
    public void Canonical_text_parses_back_to_itself(ParameterKind kind, string text)
    {
        Assert.Equal(text, ParameterParser.Format(Parse(kind, text)));
    }
}
