using Loader.Engine.Tests.TestSupport;
using Loader.Planning;
using Loader.Targets;
using Loader.Tasks;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Planning;

public sealed class PlannerTests : IDisposable
{
    private const string TenDays = "2026-01-01-2026-01-11";
    private const string ThreeDays = "2026-01-01-2026-01-04";

    private readonly Sandbox _sandbox = new();

    public PlannerTests() => _sandbox.WriteWorkflow("daily.yml", Daily);

    public void Dispose() => _sandbox.Dispose();

    private Task<RunPlan> PlanAsync(TaskGraph graph, params ForceSpec[] forced) =>
        new Planner(TargetStores.Local(), _sandbox.Clock).PlanAsync(graph, forced, CancellationToken.None);

    private static ForceSpec Force(string text) => ForceSpec.Parse(text);

    private static ForceSpec ForceDownstream(string text) => ForceSpec.Parse(text, downstream: true);

    private static void Create(IEnumerable<TaskInstance> tasks)
    {
        foreach (var target in tasks.SelectMany(t => t.Outputs))
        {
            if (target.Kind == TargetKind.Flag)
            {
                Directory.CreateDirectory(target.Location);
                File.WriteAllText(Path.Combine(target.Location, Target.SuccessFlag), "");
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target.Location)!);
                File.WriteAllText(target.Location, "done");
            }
        }
    }

    private static TaskInstance Day(TaskGraph graph, string family, int day) =>
        graph.Instances.Single(i => i.Family == family && i.Date == new DateOnly(2026, 1, day));

    private static HashSet<string> Decided(RunPlan plan, PlanDecision decision) =>
        plan.Entries.Where(e => e.Decision == decision).Select(e => e.Task.Family + (e.Task.Date is { } d ? $"@{d.Day}" : "")).ToHashSet();

    [Fact]
    public async Task A_task_whose_output_is_missing_runs_and_the_reason_names_the_output()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));

        var plan = await PlanAsync(graph);

        Assert.Equal(7, plan.Count(PlanDecision.Run));
        var extract = plan.For(Day(graph, "Extract", 2))!;
        Assert.Equal(PlanDecision.Run, extract.Decision);
        Assert.True(extract.WillRun);
        Assert.Equal($"{Path.Combine(_sandbox.Data, "extract", "us", "2026-01-02.csv")} is missing", extract.Reason);
    }

    [Fact]
    public async Task Entries_come_in_dependency_order()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));

        var plan = await PlanAsync(graph);

        Assert.Equal(graph.Instances, plan.Entries.Select(e => e.Task));
    }

    [Fact]
    public async Task When_everything_is_complete_only_the_goals_are_shown_complete()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        var entry = Assert.Single(plan.Entries);
        Assert.Same(graph.Goals[0], entry.Task);
        Assert.Equal((PlanDecision.Complete, "outputs exist"), (entry.Decision, entry.Reason));
        Assert.Null(plan.For(Day(graph, "Extract", 1)));
    }

    [Fact]
    public async Task A_complete_task_hides_a_missing_requirement_as_in_luigi()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances.Where(i => i != Day(graph, "Transform", 2)));

        var plan = await PlanAsync(graph);

        Assert.Equal(PlanDecision.Complete, Assert.Single(plan.Entries).Decision);
    }

    [Fact]
    public async Task Only_the_missing_branch_runs_and_its_complete_requirements_are_shown_complete()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances.Where(i => i != Day(graph, "Transform", 2) && i.Family != "Report"));

        var plan = await PlanAsync(graph);

        Assert.Equal(["Report", "Transform@2"], Decided(plan, PlanDecision.Run).Order());
        Assert.Equal(["Extract@2", "Transform@1", "Transform@3"], Decided(plan, PlanDecision.Complete).Order());
        Assert.Equal(5, plan.Entries.Count);
    }

    [Fact]
    public async Task Overwrite_window_recomputes_the_last_three_days_and_their_dependents()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays), ("overwrite_n_days", "3")));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        Assert.Equal(["Extract@10", "Extract@8", "Extract@9", "Report", "Transform@10", "Transform@8", "Transform@9"], Decided(plan, PlanDecision.Overwrite).Order());
        Assert.Equal(["Transform@1", "Transform@2", "Transform@3", "Transform@4", "Transform@5", "Transform@6", "Transform@7"], Decided(plan, PlanDecision.Complete).Order());
        Assert.Equal(14, plan.Entries.Count);
        Assert.Equal("inside the overwrite window: the last 3 days before 2026-01-11", plan.For(Day(graph, "Extract", 8))!.Reason);
        Assert.Equal("requires Transform(date=2026-01-08, region=us), which reruns", plan.For(graph.Goals[0])!.Reason);
    }

    [Fact]
    public async Task Overwrite_window_of_one_day_recomputes_only_the_last_day()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays), ("overwrite_n_days", "1")));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        Assert.Equal(["Extract@10", "Report", "Transform@10"], Decided(plan, PlanDecision.Overwrite).Order());
    }

    [Fact]
    public async Task Overwrite_window_of_zero_recomputes_nothing_that_exists()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays), ("overwrite_n_days", "0")));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        Assert.Equal(PlanDecision.Complete, Assert.Single(plan.Entries).Decision);
    }

    [Fact]
    public async Task Overwrite_window_larger_than_the_interval_recomputes_every_day()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays), ("overwrite_n_days", "169")));
        Create(graph.Instances);

        var plan = await PlanAsync(graph);

        Assert.Equal(7, plan.Count(PlanDecision.Overwrite));
    }

    [Fact]
    public async Task A_missing_day_inside_the_overwrite_window_runs_rather_than_overwrites()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays), ("overwrite_n_days", "3")));
        Create(graph.Instances.Where(i => i != Day(graph, "Extract", 9)));

        var plan = await PlanAsync(graph);

        Assert.Equal(["Extract@9"], Decided(plan, PlanDecision.Run));
        Assert.Contains("Extract@8", Decided(plan, PlanDecision.Overwrite));
    }

    [Fact]
    public async Task Forcing_a_family_reruns_it_alone()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, Force("Transform"));

        Assert.Equal(["Transform@1", "Transform@2", "Transform@3"], Decided(plan, PlanDecision.Overwrite).Order());
        Assert.Equal(["Extract@1", "Extract@2", "Extract@3", "Report"], Decided(plan, PlanDecision.Complete).Order());
        Assert.Equal("forced with --force Transform", plan.For(Day(graph, "Transform", 1))!.Reason);
    }

    [Fact]
    public async Task Forcing_a_family_downstream_reruns_it_and_what_requires_it()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, ForceDownstream("Transform"));

        Assert.Equal(["Report", "Transform@1", "Transform@2", "Transform@3"], Decided(plan, PlanDecision.Overwrite).Order());
        Assert.Equal(["Extract@1", "Extract@2", "Extract@3"], Decided(plan, PlanDecision.Complete).Order());
        Assert.Equal("forced with --force-downstream Transform", plan.For(Day(graph, "Transform", 1))!.Reason);
        Assert.Equal(
            "downstream of Transform(date=2026-01-01, region=us), forced with --force-downstream",
            plan.Entries.Single(e => e.Task.Family == "Report").Reason);
    }

    [Fact]
    public async Task Forcing_the_first_family_downstream_reruns_the_whole_graph()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, ForceDownstream("Extract"));

        Assert.Equal(7, plan.Count(PlanDecision.Overwrite));
    }

    [Fact]
    public async Task Forcing_one_instance_reruns_it_and_not_its_siblings()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, Force("Extract(date=2026-01-02, region=us)"));

        Assert.Equal(["Extract@2"], Decided(plan, PlanDecision.Overwrite));
        Assert.Equal("forced with --force Extract(date=2026-01-02, region=us)", plan.For(Day(graph, "Extract", 2))!.Reason);
        Assert.Null(plan.For(Day(graph, "Extract", 1)));
    }

    [Fact]
    public async Task Forcing_an_interval_of_days_reruns_exactly_those_days()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, Force("Transform(date=2026-01-03-2026-01-06)"));

        Assert.Equal(["Transform@3", "Transform@4", "Transform@5"], Decided(plan, PlanDecision.Overwrite).Order());
    }

    [Fact]
    public async Task Forcing_an_iso_week_of_days_reruns_the_days_of_that_week_in_the_run()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", TenDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, Force("Extract(date=2026-W02)"));

        Assert.Equal(["Extract@10", "Extract@5", "Extract@6", "Extract@7", "Extract@8", "Extract@9"], Decided(plan, PlanDecision.Overwrite).Order());
    }

    [Fact]
    public async Task Forcing_one_instance_downstream_reruns_its_dependents_and_names_it()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays)));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, ForceDownstream("Extract(date=2026-01-02)"));

        Assert.Equal(["Extract@2", "Report", "Transform@2"], Decided(plan, PlanDecision.Overwrite).Order());
        Assert.Equal(["Transform@1", "Transform@3"], Decided(plan, PlanDecision.Complete).Order());
        Assert.Equal(
            "downstream of Extract(date=2026-01-02, region=us), forced with --force-downstream",
            plan.For(Day(graph, "Transform", 2))!.Reason);
    }

    [Fact]
    public async Task A_plain_force_inside_the_overwrite_window_still_reruns_what_the_window_reruns()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", ThreeDays), ("overwrite_n_days", "1")));
        Create(graph.Instances);

        var plan = await PlanAsync(graph, Force("Extract(date=2026-01-03)"));

        Assert.Equal("forced with --force Extract(date=2026-01-03)", plan.For(Day(graph, "Extract", 3))!.Reason);
        Assert.Equal(["Extract@3", "Report", "Transform@3"], Decided(plan, PlanDecision.Overwrite).Order());
    }

    [Fact]
    public async Task A_missing_external_task_waits_and_blocks_what_requires_it()
    {
        _sandbox.WriteWorkflow("feed.yml", """
            workflow: Feed
            parameters: {interval: interval}
            tasks:
              Raw: {uses: external, per_day: interval, outputs: {dump: "${config.data_dir}/raw/${date}.json"}}
              Clean: {uses: noop, per_day: interval, requires: Raw, outputs: {clean: "${config.data_dir}/clean/${date}.json"}}
              Summary: {uses: noop, requires: Clean, outputs: {summary: "${config.data_dir}/summary-${interval}.json"}}
            """);
        var graph = _sandbox.Bind("Feed", Args(("interval", "2026-01-01-2026-01-03")));
        Create([Day(graph, "Raw", 1)]);

        var plan = await PlanAsync(graph);

        Assert.Equal(["Raw@1"], Decided(plan, PlanDecision.Complete));
        Assert.Equal(["Raw@2"], Decided(plan, PlanDecision.WaitingExternal));
        Assert.Equal(["Clean@1"], Decided(plan, PlanDecision.Run));
        Assert.Equal(["Clean@2", "Summary"], Decided(plan, PlanDecision.Blocked).Order());
        Assert.Equal($"waiting for external data: {Path.Combine(_sandbox.Data, "raw", "2026-01-02.json")}", plan.For(Day(graph, "Raw", 2))!.Reason);
        Assert.Equal("requires Raw(date=2026-01-02), which waits for external data", plan.For(Day(graph, "Clean", 2))!.Reason);
        Assert.Equal("requires Clean(date=2026-01-02), which waits for external data", plan.For(graph.Goals[0])!.Reason);
    }

    [Fact]
    public async Task A_task_without_outputs_runs_every_time()
    {
        _sandbox.WriteWorkflow("ping.yml", "workflow: Ping\ntasks:\n  Ping: {uses: noop}\n");
        var graph = _sandbox.Bind("Ping");

        var plan = await PlanAsync(graph);

        var entry = Assert.Single(plan.Entries);
        Assert.Equal((PlanDecision.Run, "has no outputs, so it runs every time"), (entry.Decision, entry.Reason));
    }

    [Fact]
    public async Task The_plan_is_stamped_with_the_clock()
    {
        var plan = await PlanAsync(_sandbox.Bind("Daily", Args(("interval", ThreeDays))));

        Assert.Equal(Sandbox.Now, plan.PlannedAt);
    }
}
