using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Intervals;

/// <summary>An interval run by <c>loader run</c> keeps its form in paths and identities; an empty one runs nothing.</summary>
public sealed class IntervalFormTests
{
    [Fact]
    public async Task A_week_writes_the_luigi_era_path_and_its_custom_range_is_another_report_over_the_same_days()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-W02")).ExitsWith(0);

        Assert.Equal(8, File.ReadAllLines(folder.Path("data/reports/daily-totals-2026-W02.csv")).Length);

        var range = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-05-2026-01-12", "--output", "json");

        range.ExitsWith(0);
        var attempts = await folder.AttemptsAsync(range.RunId());
        Assert.Equal(["Report(interval=2026-01-05-2026-01-12)"], attempts.Select(a => a.Task));
        Assert.Equal(
            File.ReadAllText(folder.Path("data/reports/daily-totals-2026-W02.csv")),
            File.ReadAllText(folder.Path("data/reports/daily-totals-2026-01-05-2026-01-12.csv")));
    }

    [Fact]
    public async Task An_empty_interval_runs_nothing_and_says_so_with_exit_0()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-05-2026-01-05");

        result.ExitsWith(0).Says("note: interval 2026-01-05-2026-01-05 holds no days (its end is excluded), so nothing over it is planned");
        Assert.False(Directory.Exists(folder.Path("data")) && Directory.EnumerateFileSystemEntries(folder.Path("data"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_reversed_interval_exits_2_saying_its_end_is_before_its_start()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-06-2026-01-05");

        result.ExitsWith(2).Says("invalid date interval '2026-01-06-2026-01-05': its end 2026-01-05 is before its start 2026-01-06; write the earlier date first");
    }
}
