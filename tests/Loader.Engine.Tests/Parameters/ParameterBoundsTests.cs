using Loader.Parameters;
using Loader.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Parameters;

/// <summary>Optional parameters (<c>default: ""</c>) and the <c>min</c>, <c>max</c> and <c>pattern</c> checks.</summary>
public sealed class ParameterBoundsTests
{
    private readonly ParameterParser _parser = new(new FakeTimeProvider());

    private static ParameterSpec Spec(ParameterKind kind, string? defaultText = null) =>
        new("p", kind, "The test parameter", defaultText, Significant: true, Secret: false, [], SourceSpan.None);

    [Fact]
    public void An_optional_int_left_empty_has_no_value_not_zero()
    {
        Assert.Equal(ParameterParser.Unset, _parser.Parse(Spec(ParameterKind.Int, ""), ""));
        Assert.Equal(0L, _parser.Parse(Spec(ParameterKind.Int, ""), "0"));
    }

    [Fact]
    public void A_required_int_given_empty_text_is_refused()
    {
        Assert.Throws<FormatException>(() => _parser.Parse(Spec(ParameterKind.Int), ""));
    }

    [Theory]
    [InlineData("0", "0 is out of range: give a value 1 or more")]
    [InlineData("-5", "-5 is out of range: give a value 1 or more")]
    public void A_value_below_min_is_refused_with_the_range(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => _parser.Parse(Spec(ParameterKind.Int, "") with { Min = 1 }, text));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_value_inside_min_and_max_passes_and_one_outside_names_both_bounds()
    {
        var spec = Spec(ParameterKind.Float) with { Min = 0.5, Max = 2 };

        Assert.Equal(2.0, _parser.Parse(spec, "2"));
        Assert.Contains("from 0.5 to 2", Assert.Throws<FormatException>(() => _parser.Parse(spec, "2.5")).Message);
    }

    [Fact]
    public void A_string_must_match_its_whole_pattern_and_the_refusal_quotes_the_description()
    {
        var spec = Spec(ParameterKind.String) with { Pattern = "[ !#-~]|tab" };

        Assert.Equal("^", _parser.Parse(spec, "^"));
        Assert.Equal("tab", _parser.Parse(spec, "tab"));
        var error = Assert.Throws<FormatException>(() => _parser.Parse(spec, "ab"));
        Assert.Contains("'ab' is not allowed here (The test parameter)", error.Message);
    }

    [Fact]
    public void A_pattern_that_backtracks_for_over_a_second_is_a_refusal_not_a_crash()
    {
        var spec = Spec(ParameterKind.String) with { Pattern = "(a+)+b" };

        var error = Assert.Throws<FormatException>(() => _parser.Parse(spec, new string('a', 40) + "c"));

        Assert.Contains("took over a second", error.Message);
    }

    [Theory]
    [InlineData("{type: string, min: 1}", "'min' applies only to int and float parameters")]
    [InlineData("{type: int, max: lots}", "'max' must be a number, not 'lots'")]
    [InlineData("{type: int, pattern: 'a'}", "'pattern' applies only to string parameters")]
    [InlineData("{type: string, pattern: '('}", "'pattern' is not a regular expression")]
    public void Bounds_that_do_not_fit_the_type_are_file_errors(string declaration, string message)
    {
        var error = Assert.Throws<WorkflowException>(() => WorkflowFileReader.Read("w.yml", $$"""
            workflow: W
            parameters:
              p: {{declaration}}
            tasks: {}
            """));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal));
    }
}
