using System.Diagnostics;
using Loader.Engine.Tests.TestSupport;
using Loader.Reporting;
using Loader.Targets;
using Loader.Tasks;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Reporting;

/// <summary>
/// The instance tree from the goals down, each line complete or pending by its outputs; runs of days of one family with
/// the same state and the same shape of requirements collapse into one line.
/// </summary>
public sealed class DependencyTreeTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public DependencyTreeTests() => _sandbox.WriteWorkflow("daily.yml", Daily);

    public void Dispose() => _sandbox.Dispose();

    private static Task<IReadOnlyList<TreeNode>> TreeAsync(TaskGraph graph, bool expand = false) =>
        DependencyTree.BuildAsync(graph, TargetStores.Local(), expand, CancellationToken.None);

    private static void Create(IEnumerable<TaskInstance> tasks)
    {
        foreach (var target in tasks.SelectMany(t => t.Outputs))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Location)!);
            File.WriteAllText(target.Location, "done");
        }
    }

    private static string Line(TreeNode node) =>
        $"{node.Text} x{node.Count} {(node.Complete ? "complete" : "pending")}{(node.SeeAbove ? " (see above)" : "")}";

    [Fact]
    public async Task Consecutive_days_of_one_shape_are_one_line_and_a_day_whose_requirements_differ_splits_the_run()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", "2026-01-01-2026-01-11")));
        Create(graph.Instances.Where(i => i.Family == "Extract" && i.Date != new DateOnly(2026, 1, 5)));

        var report = Assert.Single(await TreeAsync(graph));

        Assert.Equal("Report(interval=2026-01-01-2026-01-11, region=us) x1 pending", Line(report));
        Assert.Equal(report.Text, graph.Goals[0].Id.Text);
        Assert.Equal(
            [
                "Transform(date=2026-01-01...2026-01-04, region=us) x4 pending",
                "Transform(date=2026-01-05, region=us) x1 pending",
                "Transform(date=2026-01-06...2026-01-10, region=us) x5 pending",
            ],
            report.Requires.Select(Line));
        Assert.Equal(
            ["Extract(date=2026-01-01...2026-01-04, region=us) x4 complete"],
            report.Requires[0].Requires.Select(Line));
        Assert.Equal(["Extract(date=2026-01-05, region=us) x1 pending"], report.Requires[1].Requires.Select(Line));
        Assert.Equal(("2026-01-06", "2026-01-10"), (report.Requires[2].First, report.Requires[2].Last));
        Assert.Null(report.Requires[2].Key);
        Assert.Equal(graph.Instances.Single(i => i.Family == "Extract" && i.Date == new DateOnly(2026, 1, 5)).Id.Key, report.Requires[1].Requires[0].Key);
    }

    [Fact]
    public async Task Expanded_every_instance_is_a_line_of_its_own()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", "2026-01-01-2026-01-04")));
        Create(graph.Instances.Where(i => i.Family == "Extract"));

        var report = Assert.Single(await TreeAsync(graph, expand: true));

        Assert.Equal(
            [
                "Transform(date=2026-01-01, region=us) x1 pending",
                "Transform(date=2026-01-02, region=us) x1 pending",
                "Transform(date=2026-01-03, region=us) x1 pending",
            ],
            report.Requires.Select(Line));
        Assert.All(report.Requires, t => Assert.Equal("complete", Line(Assert.Single(t.Requires)).Split(' ')[^1]));
    }

    [Fact]
    public async Task A_task_required_twice_is_drawn_once_with_what_it_requires_then_referred_to()
    {
        _sandbox.WriteWorkflow("diamond.yml", """
            workflow: Diamond
            tasks:
              Base: {uses: noop, outputs: {out: "${config.data_dir}/base"}}
              Shared: {uses: noop, requires: [Base], outputs: {out: "${config.data_dir}/shared"}}
              Left: {uses: noop, requires: [Shared], outputs: {out: "${config.data_dir}/left"}}
              Right: {uses: noop, requires: [Shared]}
              Top: {uses: noop, requires: [Left, Right], outputs: {out: "${config.data_dir}/top"}}
            """);
        var graph = _sandbox.Bind("Diamond");
        Create(graph.Instances.Where(i => i.Family is "Base" or "Shared" or "Left" or "Top"));

        var top = Assert.Single(await TreeAsync(graph));

        Assert.Equal("Top() x1 complete", Line(top));
        Assert.Equal(["Left() x1 complete", "Right() x1 pending"], top.Requires.Select(Line));
        Assert.Equal("Shared() x1 complete", Line(Assert.Single(top.Requires[0].Requires)));
        Assert.Equal("Base() x1 complete", Line(Assert.Single(top.Requires[0].Requires[0].Requires)));
        // Right has no outputs: as in Luigi, it is never complete. Shared under it is not drawn again.
        Assert.Equal("Shared() x1 complete (see above)", Line(Assert.Single(top.Requires[1].Requires)));
        Assert.Empty(top.Requires[1].Requires[0].Requires);
    }

    [Fact]
    public async Task Ten_years_of_days_collapse_into_one_line_per_family_in_well_under_a_second_of_work()
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", "2016-01-01-2026-01-01")));
        Create(graph.Instances.Where(i => i.Family == "Extract"));
        var clock = Stopwatch.StartNew();

        var report = Assert.Single(await TreeAsync(graph));

        clock.Stop();
        var transform = Assert.Single(report.Requires);
        Assert.Equal("Transform(date=2016-01-01...2025-12-31, region=us) x3653 pending", Line(transform));
        Assert.Equal("Extract(date=2016-01-01...2025-12-31, region=us) x3653 complete", Line(Assert.Single(transform.Requires)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the tree of 7,307 instances took {clock.Elapsed}");
    }
}
