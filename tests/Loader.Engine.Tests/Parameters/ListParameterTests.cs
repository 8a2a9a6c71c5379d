using Loader.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Parameters;

/// <summary>List parameters read the comma form and the JSON list form edX commands give (<c>--src '["hdfs://.../data"]'</c>).</summary>
public sealed class ListParameterTests
{
    private static readonly ParameterParser Parser = new(new FakeTimeProvider());

    private static ParameterSpec List(string name = "src") => new(name, ParameterKind.List, null, null, true, false, [], Loader.Workflows.SourceSpan.None);

    private static string[] Parse(string text) => Assert.IsType<string[]>(Parser.Parse(List(), text));

    [Theory]
    [InlineData("[\"hdfs://localhost:9000/data\"]", new[] { "hdfs://localhost:9000/data" })]
    [InlineData("[\"*tracking.log*.gz\"]", new[] { "*tracking.log*.gz" })]
    [InlineData("[\"s3://a/\", \"s3://b/\"]", new[] { "s3://a/", "s3://b/" })]
    [InlineData("[\"a,b\", \"c\"]", new[] { "a,b", "c" })]
    [InlineData("[]", new string[0])]
    [InlineData(" [\"x\"] ", new[] { "x" })]
    [InlineData("a, b ,c", new[] { "a", "b", "c" })]
    [InlineData("", new string[0])]
    public void A_list_reads_a_json_array_of_strings_or_comma_separated_items(string text, string[] items)
    {
        Assert.Equal(items, Parse(text));
    }

    [Fact]
    public void A_json_list_whose_quotes_a_shell_removed_is_refused_saying_how_to_quote_it()
    {
        var error = Assert.Throws<FormatException>(() => Parse("[hdfs://localhost:9000/data]"));

        Assert.Equal(
            "parameter 'src': '[hdfs://localhost:9000/data]' is not a JSON list: its items have no double quotes, which a shell removes unless the whole list is in single quotes ('[\"hdfs://localhost:9000/data\"]'); or give the items separated by commas, without brackets",
            error.Message);
    }

    [Theory]
    [InlineData("[\"a\", ]")]
    [InlineData("[\"a\"")]
    [InlineData("[\"a\", 1]")]
    [InlineData("[\"a\", null]")]
    public void A_malformed_json_list_is_refused_naming_the_form(string text)
    {
        var error = Assert.Throws<FormatException>(() => Parse(text));

        Assert.StartsWith($"parameter 'src': '{text}' is not a JSON list", error.Message);
        Assert.Contains("[\"a\", \"b\"]", error.Message);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, "a,b")]
    [InlineData(new[] { "a,b", "c" }, "[\"a,b\",\"c\"]")]
    [InlineData(new[] { "*tracking.log*.gz" }, "*tracking.log*.gz")]
    [InlineData(new[] { "[x]" }, "[\"[x]\"]")]
    public void A_list_is_written_with_commas_unless_an_item_would_not_read_back(string[] items, string text)
    {
        Assert.Equal(text, ParameterParser.Format(items));
        Assert.Equal(items, Parse(text));
    }
}
