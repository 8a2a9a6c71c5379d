using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary><c>--overwrite-n-days N</c> recomputes exactly the interval's last N days, and what depends on them.</summary>
public sealed class OverwriteWindowTests
{
    private const string Interval = "2026-01-01-2026-01-11";

    [Fact]
    public async Task Overwrite_window_reruns_exactly_the_last_three_days_and_the_report()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", Interval)).ExitsWith(0);

        var second = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--overwrite-n-days", "3", "--output", "json");

        second.ExitsWith(0);
        var attempts = await folder.AttemptsAsync(second.RunId());
        var window = new[] { "2026-01-08", "2026-01-09", "2026-01-10" };
        var expected = window.SelectMany(d => new[] { $"Extract(date={d})", $"Transform(date={d})", $"Load(date={d})" })
            .Append($"Report(interval={Interval})");
        Assert.Equal(expected.Order(StringComparer.Ordinal), attempts.Select(a => a.Task).Order(StringComparer.Ordinal));
        Assert.All(attempts, a => Assert.Equal((1, "succeeded"), (a.Attempt, a.Status)));
        var outcomes = second.Json().GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("task").GetString()!, t => t.GetProperty("outcome").GetString());
        Assert.Equal("already_complete", outcomes["Load(date=2026-01-07)"]);
        Assert.Equal("succeeded", outcomes["Load(date=2026-01-08)"]);
        Assert.Equal(
            "day,events\n2026-01-01,118\n2026-01-02,129\n2026-01-03,140\n2026-01-04,151\n2026-01-05,162\n2026-01-06,173\n"
            + "2026-01-07,184\n2026-01-08,195\n2026-01-09,206\n2026-01-10,217\n",
            File.ReadAllText(folder.Path($"data/reports/daily-totals-{Interval}.csv")));
    }

    [Fact]
    public async Task Overwrite_window_of_zero_days_reruns_nothing()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();
        (await folder.RunAsync("run", "DailyPipeline", "--interval", Interval)).ExitsWith(0);

        var second = await folder.RunAsync("run", "DailyPipeline", "--interval", Interval, "--overwrite-n-days", "0", "--output", "json");

        second.ExitsWith(0);
        Assert.Empty(await folder.AttemptsAsync(second.RunId()));
    }
}
