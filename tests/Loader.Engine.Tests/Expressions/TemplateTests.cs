using Loader.Expressions;
using Loader.Workflows;

namespace Loader.Engine.Tests.Expressions;

public sealed class TemplateTests
{
    private static readonly SourceSpan At = new("w.yml", 7, 15);

    /// <summary>Resolves an expression to its path and format, so a test sees what was parsed where.</summary>
    private sealed class EchoScope : IExpressionScope
    {
        public string Resolve(Expression expression) =>
            "<" + string.Join('.', expression.Path) + (expression.Format is { } f ? "|" + f : "") + ">";
    }

    [Fact]
    public void Plain_text_is_a_literal()
    {
        var template = Template.Parse("/data/extract/events.csv", At);

        Assert.True(template.IsLiteral);
        Assert.Empty(template.Expressions);
        Assert.Equal("/data/extract/events.csv", template.Render(new EchoScope()));
    }

    [Fact]
    public void Empty_text_is_an_empty_literal()
    {
        var template = Template.Parse("", At);

        Assert.True(template.IsLiteral);
        Assert.Equal("", template.Render(new EchoScope()));
    }

    [Fact]
    public void Expressions_are_rendered_in_place_between_literal_text()
    {
        var template = Template.Parse("${config.data_dir}/extract/${date}.csv", At);

        Assert.False(template.IsLiteral);
        Assert.Equal("<config.data_dir>/extract/<date>.csv", template.Render(new EchoScope()));
    }

    [Fact]
    public void A_lone_expression_renders_to_its_value()
    {
        Assert.Equal("<overwrite_n_days>", Template.Parse("${overwrite_n_days}", At).Render(new EchoScope()));
    }

    [Fact]
    public void An_expression_is_a_dotted_path()
    {
        var expression = Assert.Single(Template.Parse("x ${tasks.Extract.outputs.events} y", At).Expressions);

        Assert.Equal(["tasks", "Extract", "outputs", "events"], expression.Path);
        Assert.Equal("tasks", expression.Root);
        Assert.Null(expression.Format);
        Assert.Equal(At, expression.Span);
    }

    [Fact]
    public void A_format_follows_a_colon()
    {
        var expression = Assert.Single(Template.Parse("part-${date:yyyyMMdd}.csv", At).Expressions);

        Assert.Equal(["date"], expression.Path);
        Assert.Equal("yyyyMMdd", expression.Format);
        Assert.Equal("${date:yyyyMMdd}", expression.ToString());
    }

    [Fact]
    public void A_format_may_hold_colons_and_spaces()
    {
        var expression = Assert.Single(Template.Parse("${today:yyyy-MM-dd HH:mm}", At).Expressions);

        Assert.Equal("yyyy-MM-dd HH:mm", expression.Format);
    }

    [Fact]
    public void An_empty_format_is_no_format()
    {
        Assert.Null(Assert.Single(Template.Parse("${date:}", At).Expressions).Format);
    }

    [Fact]
    public void Double_dollar_brace_writes_a_literal_dollar_brace()
    {
        var template = Template.Parse("echo $${HOME} in ${date}", At);

        Assert.Equal("echo ${HOME} in <date>", template.Render(new EchoScope()));
        Assert.Equal(["date"], Assert.Single(template.Expressions).Path);
    }

    [Fact]
    public void An_escaped_template_alone_is_a_literal()
    {
        var template = Template.Parse("$${not_an_expression}", At);

        Assert.True(template.IsLiteral);
        Assert.Equal("${not_an_expression}", template.Render(new EchoScope()));
    }

    [Fact]
    public void A_dollar_without_a_brace_is_plain_text()
    {
        Assert.Equal("cost $5 and $HOME", Template.Parse("cost $5 and $HOME", At).Render(new EchoScope()));
    }

    [Fact]
    public void An_unclosed_expression_is_an_error_at_the_template()
    {
        var error = Assert.Throws<WorkflowException>(() => Template.Parse("out/${date.csv", At));

        var problem = Assert.Single(error.Diagnostics);
        Assert.Equal(At, problem.Span);
        Assert.Equal("unclosed expression in 'out/${date.csv': add the closing '}'", problem.Message);
        Assert.StartsWith("w.yml:7:15: ", error.Message);
    }

    [Theory]
    [InlineData("${}")]
    [InlineData("${ }")]
    [InlineData("${1abc}")]
    [InlineData("${config..dir}")]
    [InlineData("${a b}")]
    public void An_expression_that_is_not_a_name_is_an_error(string text)
    {
        var error = Assert.Throws<WorkflowException>(() => Template.Parse(text, At));

        Assert.Contains("invalid expression", Assert.Single(error.Diagnostics).Message);
    }

    [Fact]
    public void Literal_keeps_dollar_braces_as_text()
    {
        var template = Template.Literal("${date}");

        Assert.True(template.IsLiteral);
        Assert.Equal("${date}", template.Render(new EchoScope()));
    }

    [Fact]
    public void A_template_value_renders_lists_and_maps()
    {
        var value = new TemplateMap(
        [
            new("args", new TemplateList([new TemplateScalar(Template.Parse("${date}", At)), new TemplateScalar(Template.Literal("x"))])),
            new("command", new TemplateScalar(Template.Parse("run ${interval}", At))),
        ]);

        var rendered = Assert.IsType<Dictionary<string, object>>(value.Render(new EchoScope()));

        Assert.Equal(["<date>", "x"], Assert.IsType<List<object>>(rendered["args"]));
        Assert.Equal("run <interval>", rendered["command"]);
        Assert.Equal(3, value.Templates().Count());
        Assert.NotNull(value["command"]);
        Assert.Null(value["missing"]);
    }
}
