using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader run W --plan</c>: what would run and why, without running anything.</summary>
public sealed class PlanTests
{
    private static readonly string[] Days = ["2026-01-01", "2026-01-02", "2026-01-03"];

    [Fact]
    public async Task Plan_as_json_has_a_decision_and_a_reason_for_every_task_and_runs_nothing()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var plan = (await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04", "--plan", "--output", "json"))
            .ExitsWith(0).Json();

        var tasks = plan.GetProperty("tasks").EnumerateArray().ToList();
        var expected = Days.SelectMany(d => new[] { $"Extract(date={d})", $"Transform(date={d})", $"Load(date={d})" })
            .Append("Report(interval=2026-01-01-2026-01-04)");
        Assert.Equal(expected.Order(), tasks.Select(t => t.GetProperty("task").GetString()!).Order());
        Assert.All(tasks, t => Assert.Equal("run", t.GetProperty("decision").GetString()));
        Assert.All(tasks, t => Assert.EndsWith("is missing", t.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal(10, plan.GetProperty("counts").GetProperty("run").GetInt32());
        var keys = tasks.Select(t => t.GetProperty("key").GetString()).ToHashSet();
        Assert.All(tasks, t => Assert.All(t.GetProperty("requires").EnumerateArray(), r => Assert.Contains(r.GetString(), keys)));
        Assert.False(Directory.Exists(folder.Path("data")), "a plan must not run anything");
        Assert.False(File.Exists(folder.Path(".loader/state.db")), "a plan must not record a run");
    }

    [Fact]
    public async Task Plan_after_a_run_says_the_goal_is_complete()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04")).ExitsWith(0);

        var plan = (await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04", "--plan", "--output", "json"))
            .ExitsWith(0).Json();

        var report = Assert.Single(plan.GetProperty("tasks").EnumerateArray());
        Assert.Equal("Report(interval=2026-01-01-2026-01-04)", report.GetProperty("task").GetString());
        Assert.Equal("complete", report.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Plan_as_text_lists_each_task_with_its_decision()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04", "--plan");

        result.ExitsWith(0)
            .Prints("Plan for DailyPipeline: 10 tasks (10 run)")
            .Prints("data/extract/2026-01-02.csv is missing")
            .Prints("Report(interval=2026-01-01-2026-01-04)");
    }

    [Fact]
    public async Task Plan_of_a_workflow_without_tasks_says_so()
    {
        using var folder = WorkFolder.Create().WithWorkflow("empty.yml", "workflow: Empty\ntasks: {}\n");

        var result = await folder.RunAsync("run", "Empty", "--plan");

        result.ExitsWith(0).Prints("Plan for Empty: 0 tasks\n");
    }
}
