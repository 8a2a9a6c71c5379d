using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>
/// <c>--force</c> and <c>--force-downstream</c> over hours of the shipped hourly example, run as a process: one hour, a range
/// of hours, a day's 24 hours; and an empty interval of hours, which runs nothing as an empty interval of days does.
/// </summary>
public sealed class HourForceRunTests
{
    /// <summary>30 hours: the whole of 2026-01-05 and six hours of 2026-01-06.</summary>
    private const string Hours = "2026-01-05T00-2026-01-06T06";

    private static async Task<WorkFolder> RunOnceAsync()
    {
        var folder = WorkFolder.Create().WithHourlyTrackingLogs();
        (await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Hours)).ExitsWith(0);
        return folder;
    }

    private static async Task<string[]> AttemptedAsync(WorkFolder folder, LoaderResult run) =>
        [.. (await folder.AttemptsAsync(run.ExitsWith(0).RunId())).Select(a => a.Task).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Forcing_one_hour_reruns_exactly_that_hour()
    {
        using var folder = await RunOnceAsync();

        var run = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Hours, "--force", "FetchLog(hour=2026-01-05T07)", "--output", "json");

        Assert.Equal(["FetchLog(hour=2026-01-05T07)"], await AttemptedAsync(folder, run));
    }

    [Fact]
    public async Task Forcing_a_day_reruns_its_24_hours_and_downstream_a_range_of_hours_recounts_its_day()
    {
        using var folder = await RunOnceAsync();

        var day = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Hours, "--force", "FetchLog(hour=2026-01-05)", "--output", "json");
        File.WriteAllText(folder.Path("data/tracking/2026/01/06/tracking.log-2026010603"), "");
        var range = await folder.RunAsync(
            "run", "HourlyTrackingLogs", "--interval", Hours, "--force-downstream", "FetchLog(hour=2026-01-06T02-2026-01-06T04)", "--output", "json");

        var dayAttempts = await AttemptedAsync(folder, day);
        Assert.Equal(24, dayAttempts.Length);
        Assert.All(dayAttempts, a => Assert.StartsWith("FetchLog(hour=2026-01-05T", a, StringComparison.Ordinal));
        Assert.Equal(["DailyEvents(date=2026-01-06)", "FetchLog(hour=2026-01-06T02)", "FetchLog(hour=2026-01-06T03)"], await AttemptedAsync(folder, range));
        Assert.Equal(["2026-01-06,12"], folder.Lines("data/events/daily/2026-01-06.csv"));
    }

    [Fact]
    public async Task The_plan_shows_the_forced_hours_and_the_day_that_reruns_downstream_of_them()
    {
        using var folder = await RunOnceAsync();

        var plan = await folder.RunAsync(
            "run", "HourlyTrackingLogs", "--interval", Hours, "--plan", "--force-downstream", "FetchLog(hour=2026-01-06T04-2026-01-06T06)");

        plan.ExitsWith(0)
            .Prints("Plan for HourlyTrackingLogs: 8 tasks (5 complete, 3 overwrite)")
            .Prints("overwrite FetchLog(hour=2026-01-06T04)")
            .Prints("forced with --force-downstream FetchLog(hour=2026-01-06T04-2026-01-06T06)")
            .Prints("downstream of FetchLog(hour=2026-01-06T04), forced with --force-downstream");
    }

    [Theory]
    [InlineData("--force", "FetchLog(hour=2026-01-07T00)",
        "error: --force 'FetchLog(hour=2026-01-07T00)': no such instance is part of this run; it has FetchLog(hour=2026-01-05T00...2026-01-06T05)")]
    [InlineData("--force-downstream", "FetchLog(hour=2026-01-06T04-2026-01-06T01)",
        "error: --force-downstream 'FetchLog(hour=2026-01-06T04-2026-01-06T01)': hour: invalid hour interval '2026-01-06T04-2026-01-06T01': its end 2026-01-06T01 is before its start 2026-01-06T04; write the earlier hour first")]
    public async Task A_force_of_hours_that_selects_nothing_or_is_reversed_exits_2_and_runs_nothing(string option, string spec, string message)
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();

        var result = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Hours, option, spec);

        result.ExitsWith(2).Says(message);
        Assert.False(Directory.Exists(folder.Path("data")));
    }

    [Fact]
    public async Task An_empty_interval_of_hours_runs_nothing_and_says_so_with_exit_0()
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();

        var result = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", "2026-01-05T06-2026-01-05T06");

        result.ExitsWith(0).Says("note: interval 2026-01-05T06-2026-01-05T06 holds no hours (its end is excluded), so nothing over it is planned");
        Assert.False(Directory.Exists(folder.Path("data")) && Directory.EnumerateFileSystemEntries(folder.Path("data"), "*", SearchOption.AllDirectories).Any());
    }
}
