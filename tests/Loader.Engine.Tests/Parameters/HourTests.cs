using Loader.Parameters;

namespace Loader.Engine.Tests.Parameters;

public sealed class HourTests
{
    [Theory]
    [InlineData("2026-01-02T05", 2026, 1, 2, 5)]
    [InlineData("2026-01-02T05:00", 2026, 1, 2, 5)]
    [InlineData("2013-07-10T19", 2013, 7, 10, 19)]
    [InlineData(" 2026-12-31T23 ", 2026, 12, 31, 23)]
    [InlineData("2024-02-29T00", 2024, 2, 29, 0)]
    public void Hour_parses_luigis_form_and_the_same_hour_with_zero_minutes(string text, int year, int month, int day, int hour)
    {
        var parsed = Hour.Parse(text);

        Assert.Equal(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc), parsed.Start);
        Assert.Equal(DateTimeKind.Utc, parsed.Start.Kind);
        Assert.Equal(new DateOnly(year, month, day), parsed.Date);
        Assert.Equal(hour, parsed.OfDay);
    }

    [Fact]
    public void Hour_is_written_back_in_luigis_form_whatever_the_spelling()
    {
        Assert.Equal("2026-01-02T05", Hour.Parse("2026-01-02T05:00").ToString());
        Assert.Equal(Hour.Parse("2026-01-02T05"), Hour.Parse("2026-01-02T05:00"));
    }

    [Theory]
    [InlineData("2026-01-02", "invalid hour '2026-01-02': write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02 05", "invalid hour '2026-01-02 05': write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T5", "invalid hour '2026-01-02T5': write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T05:30", "invalid hour '2026-01-02T05:30': an hour starts on the hour, and :30 is past it; write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T05:00Z", "invalid hour '2026-01-02T05:00Z': hours are UTC and carry no time zone; write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T05+02:00", "invalid hour '2026-01-02T05+02:00': hours are UTC and carry no time zone; write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    [InlineData("2026-01-02T24", "invalid hour '2026-01-02T24': hours of the day run from 00 to 23 (midnight ending 2026-01-02 is 2026-01-03T00)")]
    [InlineData("2026-02-30T05", "invalid hour '2026-02-30T05': the day 2026-02-30 does not exist")]
    [InlineData("", "invalid hour '': write the UTC hour as yyyy-MM-ddTHH, for example 2026-01-02T05 (or 2026-01-02T05:00)")]
    public void Hour_refuses_what_is_not_an_hour_saying_what_to_write(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Hour.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.False(Hour.TryParse(text, out _));
    }

    [Fact]
    public void Hour_moves_across_days_and_formats_like_a_date_time()
    {
        var hour = Hour.Parse("2026-12-31T23");

        Assert.Equal("2027-01-01T00", hour.AddHours(1).ToString());
        Assert.Equal(25, hour.HoursUntil(hour.AddHours(25)));
        Assert.Equal("2026/12/31/23", hour.ToString("yyyy/MM/dd/HH", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(hour < hour.AddHours(1));
    }

    [Fact]
    public void An_hour_parameter_refusal_names_the_parameter_and_the_value()
    {
        var spec = new ParameterSpec("log_hour", ParameterKind.Hour, null, null, true, false, [], Loader.Workflows.SourceSpan.None);

        var error = Assert.Throws<FormatException>(() => new ParameterParser(TimeProvider.System).Parse(spec, "2026-01-02T05:15"));

        Assert.StartsWith("parameter 'log_hour': invalid hour '2026-01-02T05:15': an hour starts on the hour", error.Message);
        Assert.Equal(Hour.Parse("2026-01-02T05"), new ParameterParser(TimeProvider.System).Parse(spec, "2026-01-02T05:00"));
        Assert.Equal("2026-01-02T05", ParameterParser.Format(Hour.Parse("2026-01-02T05")));
    }
}
