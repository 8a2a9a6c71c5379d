using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader list</c>, <c>show</c> and <c>graph</c> on the shipped example pipeline.</summary>
public sealed class WorkflowCommandsTests
{
    [Fact]
    public async Task List_shows_each_workflow_with_its_task_count_and_file()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var text = await folder.RunAsync("list");
        var json = (await folder.RunAsync("list", "--output", "json")).ExitsWith(0).Json();

        text.ExitsWith(0).Prints("DailyPipeline").Prints("workflows/daily-");
        var workflow = Assert.Single(json.EnumerateArray());
        Assert.Equal("DailyPipeline", workflow.GetProperty("name").GetString());
        Assert.Equal(4, workflow.GetProperty("tasks").GetInt32());
        Assert.Equal("workflows/daily-pipeline.yml", workflow.GetProperty("file").GetString());
        Assert.Equal(["interval", "overwrite_n_days"], workflow.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task List_still_shows_good_workflows_but_exits_2_naming_a_broken_file()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline()
            .WithWorkflow("broken.yml", "workflow: Broken\ntasks:\n  A:\n    uses: teleport\n");

        var result = await folder.RunAsync("list");

        result.ExitsWith(2).Prints("DailyPipeline").Says("error: workflows/broken.yml:3:3: task 'A': unknown step type 'teleport'");
    }

    [Fact]
    public async Task Show_lists_the_parameters_and_every_task_with_its_requirements()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var text = await folder.RunAsync("show", "DailyPipeline");
        var json = (await folder.RunAsync("show", "DailyPipeline", "--output", "json")).ExitsWith(0).Json();

        text.ExitsWith(0).Prints("--interval").Prints("(required)").Prints("Extract").Prints("Transform").Prints("Report");
        var tasks = json.GetProperty("tasks").EnumerateArray().ToDictionary(
            t => t.GetProperty("name").GetString()!,
            t => t.GetProperty("requires").EnumerateArray().Select(r => r.GetString()!).ToList());
        Assert.Equal(["Extract", "Transform", "Load", "Report"], tasks.Keys);
        Assert.Equal(["Extract"], tasks["Transform"]);
        Assert.Equal(["Transform"], tasks["Load"]);
        Assert.Equal(["Load"], tasks["Report"]);
        Assert.Empty(tasks["Extract"]);
    }

    [Fact]
    public async Task Graph_as_text_draws_the_tree_from_the_goal_down()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("graph", "DailyPipeline", "--format", "text");

        result.ExitsWith(0);
        var lines = result.Stdout.Split('\n');
        Assert.Equal("DailyPipeline", lines[0]);
        Assert.Equal("└── Report", lines[1]);
        Assert.Equal("    └── Load (per day of interval)", lines[2]);
        Assert.Equal("        └── Transform (per day of interval)", lines[3]);
        Assert.Equal("            └── Extract (per day of interval)", lines[4]);
    }

    [Fact]
    public async Task Graph_as_dot_has_an_edge_from_each_requirement_to_its_task()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("graph", "DailyPipeline", "--format", "dot");

        result.ExitsWith(0)
            .Prints("digraph \"DailyPipeline\" {")
            .Prints("\"Extract\" -> \"Transform\";")
            .Prints("\"Transform\" -> \"Load\";")
            .Prints("\"Load\" -> \"Report\";");
        Assert.DoesNotContain("\"Transform\" -> \"Extract\"", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("}\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_as_mermaid_has_an_edge_from_each_requirement_to_its_task()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("graph", "DailyPipeline", "--format", "mermaid");

        result.ExitsWith(0)
            .Prints("flowchart LR")
            .Prints("  Extract --> Transform\n")
            .Prints("  Transform --> Load\n")
            .Prints("  Load --> Report\n");
    }

    [Fact]
    public async Task Graph_refuses_a_format_it_does_not_know()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("graph", "DailyPipeline", "--format", "svg");

        result.ExitsWith(2).Says("'svg'").Says("mermaid");
    }
}
