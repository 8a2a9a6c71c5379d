using Loader.Engine.Tests.TestSupport;
using Loader.Planning;
using Loader.Reporting;
using Loader.Targets;
using Loader.Tasks;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Planning;

/// <summary>Forcing hours of a per-hour family: one hour, a range of hours, or the hours of a day, week or month.</summary>
public sealed class HourForceTests : IDisposable
{
    /// <summary>2026-01-04T20 up to 2026-01-06T04: 32 hours over three days (04, 05 and 06).</summary>
    private const string Hours = "2026-01-04T20-2026-01-06T04";

    private readonly Sandbox _sandbox = new();

    public HourForceTests() => _sandbox.WriteWorkflow("hourly.yml", Hourly);

    public void Dispose() => _sandbox.Dispose();

    private async Task<RunPlan> PlanCompleteAsync(params ForceSpec[] forced)
    {
        var graph = _sandbox.Bind("Hourly", Args(("interval", Hours)));
        foreach (var target in graph.Instances.SelectMany(t => t.Outputs))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Location)!);
            File.WriteAllText(target.Location, "done");
        }
        return await new Planner(TargetStores.Local(), _sandbox.Clock).PlanAsync(graph, forced, CancellationToken.None);
    }

    /// <summary>What reruns, collapsed as the plan collapses it.</summary>
    private static string[] Rerun(RunPlan plan) =>
        [.. ParameterRanges.Collapse(plan.Entries.Where(e => e.Decision == PlanDecision.Overwrite).Select(e => e.Task)).Select(c => c.Text)];

    [Theory]
    [InlineData("Fetch(hour=2026-01-05T05)", "Fetch(hour=2026-01-05T05, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T05:00)", "Fetch(hour=2026-01-05T05, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T00-2026-01-05T06)", "Fetch(hour=2026-01-05T00...2026-01-05T05, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T22-2026-01-06T02)", "Fetch(hour=2026-01-05T22...2026-01-06T01, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05)", "Fetch(hour=2026-01-05T00...2026-01-05T23, site=edx)")]
    [InlineData("Fetch(hour=2026-01-04-2026-01-06)", "Fetch(hour=2026-01-04T20...2026-01-05T23, site=edx)")]
    [InlineData("Fetch(hour=2026-W02)", "Fetch(hour=2026-01-05T00...2026-01-06T03, site=edx)")]
    [InlineData("Fetch(hour=2026-01)", "Fetch(hour=2026-01-04T20...2026-01-06T03, site=edx)")]
    [InlineData("Fetch(hour=2026-01-04T23, site=edx)", "Fetch(hour=2026-01-04T23, site=edx)")]
    [InlineData("Fetch", "Fetch(hour=2026-01-04T20...2026-01-06T03, site=edx)")]
    public async Task Force_reruns_exactly_the_hours_its_spec_holds_that_are_in_the_run(string spec, string rerun)
    {
        var plan = await PlanCompleteAsync(ForceSpec.Parse(spec));

        Assert.Equal([rerun], Rerun(plan));
        Assert.All(plan.Entries.Where(e => e.Decision == PlanDecision.Overwrite), e => Assert.Equal($"forced with --force {spec}", e.Reason));
    }

    [Theory]
    [InlineData("Fetch(hour=2026-01-05T05)", "Fetch(hour=2026-01-05T05, site=edx)", "Daily(date=2026-01-05, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T22-2026-01-06T02)", "Fetch(hour=2026-01-05T22...2026-01-06T01, site=edx)", "Daily(date=2026-01-05...2026-01-06, site=edx)")]
    [InlineData("Fetch(hour=2026-01-06)", "Fetch(hour=2026-01-06T00...2026-01-06T03, site=edx)", "Daily(date=2026-01-06, site=edx)")]
    public async Task Force_downstream_reruns_the_hours_then_their_days_then_the_report(string spec, string hours, string days)
    {
        var plan = await PlanCompleteAsync(ForceSpec.Parse(spec, downstream: true));

        Assert.Equal([hours, days, "Report(interval=2026-01-04T20-2026-01-06T04, site=edx)"], Rerun(plan));
        Assert.Equal(0, plan.Count(PlanDecision.Run));
    }

    [Fact]
    public async Task An_interval_parameter_written_as_hours_is_forced_by_the_same_hours_in_any_spelling()
    {
        var plan = await PlanCompleteAsync(ForceSpec.Parse("Report(interval=2026-01-04T20-2026-01-06T04)"));

        Assert.Equal(["Report(interval=2026-01-04T20-2026-01-06T04, site=edx)"], Rerun(plan));
    }

    [Theory]
    [InlineData("Fetch(hour=2026-01-06T04)", "--force 'Fetch(hour=2026-01-06T04)': no such instance is part of this run; it has Fetch(hour=2026-01-04T20...2026-01-06T03, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T05-2026-01-05T05)", "--force 'Fetch(hour=2026-01-05T05-2026-01-05T05)': no such instance is part of this run; it has Fetch(hour=2026-01-04T20...2026-01-06T03, site=edx)")]
    [InlineData("Fetch(hour=2026-01-05T24)", "--force 'Fetch(hour=2026-01-05T24)': hour: invalid hour interval '2026-01-05T24': invalid hour '2026-01-05T24': hours of the day run from 00 to 23 (midnight ending 2026-01-05 is 2026-01-06T00)")]
    [InlineData("Fetch(hour=2026-01-05T05-2026-01-05T02)", "--force 'Fetch(hour=2026-01-05T05-2026-01-05T02)': hour: invalid hour interval '2026-01-05T05-2026-01-05T02': its end 2026-01-05T02 is before its start 2026-01-05T05; write the earlier hour first")]
    public async Task A_force_of_hours_outside_the_run_or_malformed_is_refused_naming_it(string spec, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PlanCompleteAsync(ForceSpec.Parse(spec)));

        Assert.Equal(message, error.Message);
    }

    private const string Hourly = """
        workflow: Hourly
        parameters:
          interval: interval
          site: {type: string, default: edx}
        tasks:
          Fetch:
            per_hour: interval
            uses: noop
            outputs: {log: "${config.data_dir}/tracking/${site}/${hour:yyyy/MM/dd/HH}.log"}
          Daily:
            per_day: interval
            requires: Fetch
            uses: noop
            outputs: {counts: "${config.data_dir}/counts/${site}/${date}.csv"}
          Report:
            requires: Daily
            uses: noop
            outputs: {report: "${config.data_dir}/report-${site}-${interval}.csv"}
        """;
}
