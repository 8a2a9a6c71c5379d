using Loader.Parameters;
using Loader.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Parameters;

/// <summary>A refused value of a secret parameter is never quoted: the message says what is wrong without it.</summary>
public sealed class SecretParameterTests
{
    private readonly ParameterParser _parser = new(new FakeTimeProvider());

    private static ParameterSpec Secret(ParameterKind kind, params string[] choices) =>
        new("api_key", kind, "The API key", null, Significant: true, Secret: true, choices, SourceSpan.None);

    [Theory]
    [InlineData(ParameterKind.Int, "k-77a1c", "'***' is not a whole number")]
    [InlineData(ParameterKind.Date, "k-77a1c", "invalid date '***'")]
    [InlineData(ParameterKind.Interval, "k-77a1c", "invalid date interval '***'")]
    [InlineData(ParameterKind.Duration, "k-77a1c", "invalid duration '***'")]
    [InlineData(ParameterKind.Bool, "k-77a1c", "'***' is not true or false")]
    public void A_bad_secret_value_is_refused_without_quoting_it(ParameterKind kind, string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => _parser.Parse(Secret(kind), text));

        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
        Assert.Contains($"parameter 'api_key' (secret, so its value is not shown): {reason}", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void A_secret_number_out_of_range_is_refused_with_the_range_only()
    {
        var error = Assert.Throws<FormatException>(() => _parser.Parse(Secret(ParameterKind.Int) with { Min = 1, Max = 99 }, "73105"));

        Assert.Equal("parameter 'api_key' (secret, so its value is not shown): the value is out of range: give a value from 1 to 99", error.Message);
    }

    [Fact]
    public void A_secret_value_off_its_pattern_or_choices_is_refused_without_quoting_it()
    {
        var pattern = Assert.Throws<FormatException>(() => _parser.Parse(Secret(ParameterKind.String) with { Pattern = "k-[0-9]+" }, "k-77a1c"));
        var choice = Assert.Throws<FormatException>(() => _parser.Parse(Secret(ParameterKind.Enum, "red", "blue"), "k-77a1c"));

        Assert.Equal("parameter 'api_key' (secret, so its value is not shown): '***' is not allowed here (The API key)", pattern.Message);
        Assert.Equal("parameter 'api_key' (secret, so its value is not shown): '***' is not one of red, blue", choice.Message);
    }

    [Fact]
    public void A_value_made_from_a_secret_is_refused_without_quoting_it_though_its_parameter_is_ordinary()
    {
        var ordinary = Secret(ParameterKind.Int) with { Secret = false };

        var error = Assert.Throws<FormatException>(() => _parser.Parse(ordinary, "postgres://u:k-77a1c@db", secret: true));

        Assert.DoesNotContain("k-77a1c", error.Message, StringComparison.Ordinal);
    }
}
