using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>
/// <c>--force</c> reruns exactly the instances it names (a family, one day, days of an interval); <c>--force-downstream</c>
/// reruns them and everything in the run that requires them. Checked on the shipped daily pipeline, run as a process.
/// </summary>
public sealed class ForceTests
{
    private const string Interval = "2026-01-01-2026-01-06";
    private static readonly string[] Days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"];

    /// <summary>A folder where the whole interval has run once, and when each of its outputs was written.</summary>
    private static async Task<(WorkFolder Folder, Dictionary<string, DateTime> Written)> RunOnceAsync()
    {
        var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", Interval)).ExitsWith(0);
        return (folder, Outputs().ToDictionary(o => o, o => File.GetLastWriteTimeUtc(folder.Path(o))));
    }

    private static IEnumerable<string> Outputs() =>
        Days.SelectMany(d => new[] { $"data/extract/{d}.csv", $"data/transform/{d}.csv", $"data/warehouse/daily_totals/dt={d}/part-0.csv" })
            .Append($"data/reports/daily-totals-{Interval}.csv");

    private static string[] Rewritten(WorkFolder folder, Dictionary<string, DateTime> written) =>
        [.. written.Where(o => File.GetLastWriteTimeUtc(folder.Path(o.Key)) != o.Value).Select(o => o.Key).Order(StringComparer.Ordinal)];

    private static async Task<string[]> AttemptedAsync(WorkFolder folder, LoaderResult run) =>
        [.. (await folder.AttemptsAsync(run.ExitsWith(0).RunId())).Select(a => $"{a.Task} #{a.Attempt} {a.Status}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Forcing_one_day_reruns_exactly_that_instance()
    {
        var (folder, written) = await RunOnceAsync();
        using var _ = folder;

        var run = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--force", "Extract(date=2026-01-02)", "--output", "json");

        Assert.Equal(["Extract(date=2026-01-02) #1 succeeded"], await AttemptedAsync(folder, run));
        Assert.Equal(["data/extract/2026-01-02.csv"], Rewritten(folder, written));
    }

    [Fact]
    public async Task Forcing_an_interval_of_days_reruns_exactly_those_days()
    {
        var (folder, written) = await RunOnceAsync();
        using var _ = folder;

        var run = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--force", "Transform(date=2026-01-02-2026-01-05)", "--output", "json");

        Assert.Equal(
            ["Transform(date=2026-01-02) #1 succeeded", "Transform(date=2026-01-03) #1 succeeded", "Transform(date=2026-01-04) #1 succeeded"],
            await AttemptedAsync(folder, run));
        Assert.Equal(["data/transform/2026-01-02.csv", "data/transform/2026-01-03.csv", "data/transform/2026-01-04.csv"], Rewritten(folder, written));
    }

    [Fact]
    public async Task Forcing_one_day_downstream_reruns_it_and_what_requires_it()
    {
        var (folder, written) = await RunOnceAsync();
        using var _ = folder;
        File.WriteAllText(folder.Path("data/extract/2026-01-02.csv"), "day,source,events\n2026-01-02,web,1000\n");

        var run = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--force-downstream", "Extract(date=2026-01-02)", "--output", "json");

        Assert.Equal(
        [
            "Extract(date=2026-01-02) #1 succeeded", "Load(date=2026-01-02) #1 succeeded", $"Report(interval={Interval}) #1 succeeded",
            "Transform(date=2026-01-02) #1 succeeded",
        ], await AttemptedAsync(folder, run));
        Assert.Equal(
        [
            "data/extract/2026-01-02.csv", $"data/reports/daily-totals-{Interval}.csv", "data/transform/2026-01-02.csv",
            "data/warehouse/daily_totals/dt=2026-01-02/part-0.csv",
        ], Rewritten(folder, written));
        Assert.Equal(
            "day,events\n2026-01-01,118\n2026-01-02,129\n2026-01-03,140\n2026-01-04,151\n2026-01-05,162\n",
            File.ReadAllText(folder.Path($"data/reports/daily-totals-{Interval}.csv")));
    }

    [Fact]
    public async Task The_plan_shows_what_is_forced_and_what_reruns_downstream_of_it()
    {
        var (folder, _) = await RunOnceAsync();
        using var _folder = folder;

        var plan = (await folder.RunAsync(
                "run", "DailyPipeline", "--interval", Interval, "--plan", "--output", "json",
                "--force-downstream", "Transform(date=2026-01-05)", "--force", "Extract(date=2026-01-01)"))
            .ExitsWith(0).Json();

        var reruns = plan.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("decision").GetString() == "overwrite")
            .ToDictionary(t => t.GetProperty("task").GetString()!, t => t.GetProperty("reason").GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Extract(date=2026-01-01)"] = "forced with --force Extract(date=2026-01-01)",
                ["Transform(date=2026-01-05)"] = "forced with --force-downstream Transform(date=2026-01-05)",
                ["Load(date=2026-01-05)"] = "downstream of Transform(date=2026-01-05), forced with --force-downstream",
                [$"Report(interval={Interval})"] = "downstream of Transform(date=2026-01-05), forced with --force-downstream",
            },
            reruns);
        (await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--plan", "--force", "Extract(date=2026-01-01)"))
            .ExitsWith(0)
            .Prints("Plan for DailyPipeline: 2 tasks (1 complete, 1 overwrite)")
            .Prints("forced with --force Extract(date=2026-01-01)");
    }

    [Theory]
    [InlineData("--force", "Extract(date=2026-02-01)",
        "error: --force 'Extract(date=2026-02-01)': no such instance is part of this run; it has Extract(date=2026-01-01...2026-01-05)")]
    [InlineData("--force-downstream", "Extrct(date=2026-01-02)",
        "error: --force-downstream 'Extrct(date=2026-01-02)': no task of that name is part of this run; its tasks are Extract, Transform, Load, Report")]
    [InlineData("--force", "Extract(day=2026-01-02)",
        "error: --force 'Extract(day=2026-01-02)': Extract has no parameter 'day' in its identity; its identity has date")]
    [InlineData("--force", "Extract(date=2026-01-02..2026-01-04)",
        "error: --force 'Extract(date=2026-01-02..2026-01-04)': date: invalid date interval '2026-01-02..2026-01-04'")]
    [InlineData("--force", "Extract(date=2026-01-02",
        "error: --force 'Extract(date=2026-01-02': write a family (Extract) or an instance as the plan prints it (Extract(date=2026-01-02))")]
    public async Task A_force_that_selects_nothing_or_cannot_be_read_exits_2_and_runs_nothing(string option, string spec, string message)
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, option, spec);

        result.ExitsWith(2).Says(message);
        Assert.False(Directory.Exists(folder.Path("data")));
    }
}
