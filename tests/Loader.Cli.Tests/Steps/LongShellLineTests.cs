using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Steps;

/// <summary>
/// A shell line longer than Linux lets one argument or environment variable be (128 KiB) still runs: the report of a
/// ten-year daily pipeline names 3,653 partitions in one line.
/// </summary>
public sealed class LongShellLineTests
{
    [Fact]
    public async Task Daily_pipeline_over_ten_years_runs_its_report_over_every_day()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        var first = new DateOnly(2016, 1, 1);
        var end = new DateOnly(2026, 1, 1);
        // The daily tasks are complete already, as on a site that ran them day by day: only the report runs.
        for (var day = first; day < end; day = day.AddDays(1))
        {
            folder.WithFile($"data/warehouse/daily_totals/dt={day:yyyy-MM-dd}/part-0.csv", $"{day:yyyy-MM-dd},{day.DayNumber % 1000}\n")
                .WithFile($"data/warehouse/daily_totals/dt={day:yyyy-MM-dd}/_SUCCESS", "");
        }

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2016-01-01-2026-01-01");

        result.ExitsWith(0).Prints("3653 Load(date=2016-01-01...2025-12-31)");
        var report = File.ReadAllLines(folder.Path("data/reports/daily-totals-2016-01-01-2026-01-01.csv"));
        Assert.Equal("day,events", report[0]);
        var expected = Enumerable.Range(0, end.DayNumber - first.DayNumber).Select(i => first.AddDays(i))
            .Select(day => $"{day:yyyy-MM-dd},{day.DayNumber % 1000}");
        Assert.Equal(expected, report.Skip(1));
        Assert.Empty(Directory.EnumerateFiles(folder.Path(".loader/logs"), "*.sh", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_shell_line_over_128_KiB_holding_a_secret_runs_and_leaves_the_secret_nowhere()
    {
        const string password = "Pw-long-7c1e";
        var filler = new string('x', 200 * 1024);
        using var folder = WorkFolder.Create()
            .WithSecret($"art:\n  password: {password}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .WithWorkflow("long.yml", $$"""
                workflow: Long
                tasks:
                  Write:
                    uses: shell
                    with:
                      command: |
                        : {{filler}}
                        echo "using ${config.art.password}"
                        printf '%s|%s' "$#" "$loader_line$LOADER_SHELL_LINE" > "${outputs.out}"
                    outputs:
                      out: out/long.txt
                """);
        var search = new LeakSearch(folder);

        await search.RunEverywhereAsync("Long", 0);

        // The line ran whole, and its processes see neither the line nor the file it came in.
        Assert.Equal("0|", File.ReadAllText(folder.Path("out/long.txt")));
        Assert.Contains(search.Logs(), log => log.Text.Contains("using ***", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(folder.Path(".loader/logs"), "*.sh", SearchOption.AllDirectories));
        search.AssertNowhere(password);
    }
}
