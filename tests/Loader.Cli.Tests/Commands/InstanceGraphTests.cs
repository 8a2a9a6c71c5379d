using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>
/// <c>loader graph W --param value</c>: the tree of task instances a request needs, each complete or pending by its
/// outputs, with runs of days collapsed, as text and JSON.
/// </summary>
public sealed class InstanceGraphTests
{
    [Fact]
    public async Task Graph_with_parameters_draws_each_instance_with_its_state_collapsing_runs_of_days_unless_expanded()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04")).ExitsWith(0);

        var text = await folder.RunAsync("graph", "DailyPipeline", "--interval", "2026-01-01-2026-01-08");
        var expanded = await folder.RunAsync("graph", "DailyPipeline", "--interval=2026-01-01-2026-01-08", "--expand");
        var json = (await folder.RunAsync("graph", "DailyPipeline", "--interval", "2026-01-01-2026-01-08", "--output", "json")).ExitsWith(0).Json();

        text.ExitsWith(0);
        Assert.Equal(
            [
                "└── Report(interval=2026-01-01-2026-01-08) [PENDING]",
                "    ├── Load(date=2026-01-01...2026-01-03) ×3 [COMPLETE]",
                "    │   └── Transform(date=2026-01-01...2026-01-03) ×3 [COMPLETE]",
                "    │       └── Extract(date=2026-01-01...2026-01-03) ×3 [COMPLETE]",
                "    └── Load(date=2026-01-04...2026-01-07) ×4 [PENDING]",
                "        └── Transform(date=2026-01-04...2026-01-07) ×4 [PENDING]",
                "            └── Extract(date=2026-01-04...2026-01-07) ×4 [PENDING]",
            ],
            text.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.StartsWith("DailyPipeline --interval 2026-01-01-2026-01-08", text.Stdout, StringComparison.Ordinal);
        expanded.ExitsWith(0).Prints("    ├── Load(date=2026-01-03) [COMPLETE]").Prints("    └── Load(date=2026-01-07) [PENDING]");
        Assert.Equal(7, expanded.Stdout.Split('\n').Count(l => l.Contains("── Load(", StringComparison.Ordinal)));
        var loads = Assert.Single(json.GetProperty("tasks").EnumerateArray()).GetProperty("requires").EnumerateArray().ToList();
        Assert.Equal(["complete", "pending"], loads.Select(l => l.GetProperty("state").GetString()));
        Assert.Equal([3, 4], loads.Select(l => l.GetProperty("count").GetInt32()));
        Assert.Equal(["2026-01-01", "2026-01-04"], loads.Select(l => l.GetProperty("first").GetString()));
    }

    [Fact]
    public async Task Graph_with_parameters_refuses_dot_and_a_bad_parameter_with_exit_2()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var dot = await folder.RunAsync("graph", "DailyPipeline", "--interval", "2026-01", "--format", "dot");
        var unknown = await folder.RunAsync("graph", "DailyPipeline", "--intervall", "2026-01");

        dot.ExitsWith(2).Says("--format dot draws a workflow's tasks, not their instances");
        unknown.ExitsWith(2).Says("unknown parameter --intervall for workflow 'DailyPipeline'");
    }
}
