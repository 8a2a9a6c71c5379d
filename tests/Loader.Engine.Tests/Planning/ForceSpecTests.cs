using Loader.Engine.Tests.TestSupport;
using Loader.Planning;
using Loader.Targets;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Planning;

/// <summary>How <c>--force</c> and <c>--force-downstream</c> are read, and how a spec that selects nothing is refused.</summary>
public sealed class ForceSpecTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public ForceSpecTests() => _sandbox.WriteWorkflow("daily.yml", Daily);

    public void Dispose() => _sandbox.Dispose();

    private async Task<IReadOnlyList<string>> ForcedAsync(string spec, string interval = "2026-01-01-2026-01-04")
    {
        var graph = _sandbox.Bind("Daily", Args(("interval", interval)));
        foreach (var output in graph.Instances.SelectMany(i => i.Outputs))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output.Location)!);
            File.WriteAllText(output.Location, "done");
        }
        var plan = await new Planner(TargetStores.Local(), _sandbox.Clock).PlanAsync(graph, [ForceSpec.Parse(spec)], CancellationToken.None);
        return plan.Entries.Where(e => e.Reason.StartsWith("forced", StringComparison.Ordinal)).Select(e => e.Task.Id.Text).ToList();
    }

    [Fact]
    public void An_instance_reads_as_its_identity_prints()
    {
        var spec = ForceSpec.Parse(" Extract(date=2026-01-02, region=us) ");

        Assert.Equal(("Extract", "Extract(date=2026-01-02, region=us)", false), (spec.Family, spec.Text, spec.Downstream));
        Assert.Equal([new("date", "2026-01-02"), new("region", "us")], spec.Parameters);
        Assert.Equal("--force 'Extract(date=2026-01-02, region=us)'", spec.Display);
    }

    [Fact]
    public void A_list_value_keeps_its_commas()
    {
        var spec = ForceSpec.Parse("Load(tables=a,b,c, region=us)", downstream: true);

        Assert.Equal([new("tables", "a,b,c"), new("region", "us")], spec.Parameters);
        Assert.Equal(["--force-downstream", "Load(tables=a,b,c, region=us)"], spec.Arguments());
    }

    [Fact]
    public void A_family_alone_and_empty_parentheses_select_the_whole_family()
    {
        Assert.Empty(ForceSpec.Parse("Report").Parameters);
        Assert.Empty(ForceSpec.Parse("Report()").Parameters);
    }

    [Theory]
    [InlineData("Extract(date=2026-01-02", "--force 'Extract(date=2026-01-02': write a family (Extract) or an instance as the plan prints it")]
    [InlineData("Extract(2026-01-02)", "--force 'Extract(2026-01-02)': '2026-01-02' is not name=value")]
    [InlineData("Extract(date=2026-01-02, date=2026-01-03)", "--force 'Extract(date=2026-01-02, date=2026-01-03)': date is given twice")]
    [InlineData("", "--force '': write a family")]
    public void A_malformed_spec_is_refused_saying_how_to_write_it(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ForceSpec.Parse(text));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_identity_selects_every_instance_it_fits()
    {
        Assert.Equal(["Extract(date=2026-01-02, region=us)"], await ForcedAsync("Extract(date=2026-01-02)"));
        Assert.Equal(3, (await ForcedAsync("Extract(region=us)")).Count);
    }

    [Fact]
    public async Task An_interval_parameter_matches_the_same_days_in_any_form()
    {
        Assert.StartsWith("Report(", Assert.Single(await ForcedAsync("Report(interval=2026-01)", "2026-01-01-2026-02-01")), StringComparison.Ordinal);
        Assert.StartsWith("Report(", Assert.Single(await ForcedAsync("Report(interval=2026-01-01-2026-02-01)", "2026-01")), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ForcedAsync("Report(interval=2026-02)", "2026-01"));
    }

    [Fact]
    public async Task An_instance_outside_the_run_is_refused_naming_it_and_what_the_run_has()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ForcedAsync("Extract(date=2026-02-01)"));

        Assert.Equal(
            "--force 'Extract(date=2026-02-01)': no such instance is part of this run; it has Extract(date=2026-01-01...2026-01-03, region=us)",
            error.Message);
    }

    [Fact]
    public async Task An_unknown_family_is_refused_listing_the_run_s_families()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ForcedAsync("Extrakt(date=2026-01-02)"));

        Assert.Equal(
            "--force 'Extrakt(date=2026-01-02)': no task of that name is part of this run; its tasks are Extract, Transform, Report",
            error.Message);
    }

    [Fact]
    public async Task A_parameter_outside_the_identity_is_refused_naming_the_identity()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ForcedAsync("Extract(day=2026-01-02)"));

        Assert.Equal("--force 'Extract(day=2026-01-02)': Extract has no parameter 'day' in its identity; its identity has date, region", error.Message);
    }

    [Fact]
    public async Task A_day_that_is_no_interval_is_refused_with_the_interval_forms()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ForcedAsync("Extract(date=2026-01-02..2026-01-05)"));

        Assert.StartsWith(
            "--force 'Extract(date=2026-01-02..2026-01-05)': date: invalid date interval '2026-01-02..2026-01-05': use 2016, 2016-05",
            error.Message,
            StringComparison.Ordinal);
    }
}
