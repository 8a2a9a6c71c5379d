using Loader.Parameters;

namespace Loader.Engine.Tests.Parameters;

public sealed class DurationsTests
{
    public static TheoryData<string, TimeSpan> Forms => new()
    {
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "90s", TimeSpan.FromSeconds(90) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "2h30m", new TimeSpan(2, 30, 0) },
        { "1d", TimeSpan.FromDays(1) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { "1m500ms", TimeSpan.FromMilliseconds(60_500) },
        { "01:30:00", TimeSpan.FromMinutes(90) },
        { " 10s ", TimeSpan.FromSeconds(10) },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Duration_parses_each_form(string text, TimeSpan expected)
    {
        Assert.Equal(expected, Durations.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("-5s")]
    [InlineData("five minutes")]
    [InlineData("25:00:00")]
    public void Bad_duration_text_names_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => Durations.Parse(text));

        Assert.Contains($"invalid duration '{text}'", error.Message);
        Assert.Contains("250ms, 90s, 5m, 2h30m, 1d or hh:mm:ss", error.Message);
    }

    public static TheoryData<TimeSpan, string> Formats => new()
    {
        { TimeSpan.Zero, "0s" },
        { TimeSpan.FromMilliseconds(250), "250ms" },
        { TimeSpan.FromSeconds(90), "1m30s" },
        { new TimeSpan(2, 30, 0), "2h30m" },
        { TimeSpan.FromHours(36), "1d12h" },
        { TimeSpan.FromMilliseconds(1500), "1.5s" },
        { new TimeSpan(1, 2, 3, 4), "1d2h3m4s" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Duration_formats_in_the_shortest_form(TimeSpan value, string expected)
    {
        Assert.Equal(expected, Durations.Format(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(1_000)]
    [InlineData(1_001)]
    [InlineData(61_500)]
    [InlineData(3_600_000)]
    [InlineData(86_400_000)]
    [InlineData(90_061_001)]
    [InlineData(864_000_000)]
    public void Formatted_durations_parse_back_to_the_same_value(long milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(value, Durations.Parse(Durations.Format(value)));
    }
}
