using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader run</c> of the shipped hourly example: a week of hours planned, run, rerun, and one lost hour fetched again.</summary>
public sealed class PerHourRunTests
{
    private const string Week = "2026-W02";

    [Fact]
    public async Task A_week_of_hours_runs_once_and_a_rerun_does_nothing()
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();

        var plan = (await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--plan", "--output", "json")).ExitsWith(0).Json();
        var first = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--output", "json");
        var second = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--output", "json");

        var planned = plan.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(168 + 7, plan.GetProperty("counts").GetProperty("run").GetInt32());
        Assert.Equal(168, planned.Count(t => t.GetProperty("family").GetString() == "FetchLog"));
        Assert.Equal("2026-01-05T00", planned.First(t => t.GetProperty("family").GetString() == "FetchLog").GetProperty("hour").GetString());
        first.ExitsWith(0);
        var attempts = await folder.AttemptsAsync(first.RunId());
        Assert.Equal(168, attempts.Count(a => a.Family == "FetchLog"));
        Assert.Equal(7, attempts.Count(a => a.Family == "DailyEvents"));
        Assert.All(attempts, a => Assert.Equal((1, "succeeded"), (a.Attempt, a.Status)));
        Assert.Equal(["2026-01-08,48"], folder.Lines("data/events/daily/2026-01-08.csv"));
        Assert.Equal(
            ["{\"time\":\"2026-01-11T23:00:00Z\",\"event_type\":\"play_video\"}", "{\"time\":\"2026-01-11T23:30:00Z\",\"event_type\":\"pause_video\"}"],
            folder.Lines("data/tracking/2026/01/11/tracking.log-2026011123"));
        second.ExitsWith(0);
        Assert.Empty(await folder.AttemptsAsync(second.RunId()));
    }

    [Fact]
    public async Task A_lost_hour_is_the_only_one_fetched_again()
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();
        (await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--until", "FetchLog")).ExitsWith(0);
        File.Delete(folder.Path("data/tracking/2026/01/07/tracking.log-2026010713"));

        var plan = (await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--until", "FetchLog", "--plan", "--output", "json")).ExitsWith(0).Json();
        var rerun = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", Week, "--until", "FetchLog", "--output", "json");

        Assert.Equal(1, plan.GetProperty("counts").GetProperty("run").GetInt32());
        Assert.Equal(167, plan.GetProperty("counts").GetProperty("complete").GetInt32());
        rerun.ExitsWith(0);
        var attempt = Assert.Single(await folder.AttemptsAsync(rerun.RunId()));
        Assert.Equal(("FetchLog(hour=2026-01-07T13)", "succeeded"), (attempt.Task, attempt.Status));
        Assert.Equal(2, folder.Lines("data/tracking/2026/01/07/tracking.log-2026010713").Count);
    }

    [Fact]
    public async Task Overwrite_n_hours_fetches_the_last_hours_again_and_recounts_their_day()
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();
        (await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", "2026-01-05T00-2026-01-06T06")).ExitsWith(0);

        var rerun = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", "2026-01-05T00-2026-01-06T06", "--overwrite-n-hours", "2", "--output", "json");

        rerun.ExitsWith(0);
        var attempts = await folder.AttemptsAsync(rerun.RunId());
        Assert.Equal(["DailyEvents(date=2026-01-06)", "FetchLog(hour=2026-01-06T04)", "FetchLog(hour=2026-01-06T05)"], attempts.Select(a => a.Task).Order(StringComparer.Ordinal));
        Assert.Equal(["2026-01-06,12"], folder.Lines("data/events/daily/2026-01-06.csv"));
    }

    [Fact]
    public async Task A_bad_hour_interval_stops_the_run_with_exit_2_naming_the_parameter()
    {
        using var folder = WorkFolder.Create().WithHourlyTrackingLogs();

        var result = await folder.RunAsync("run", "HourlyTrackingLogs", "--interval", "2026-01-05T06-2026-01-05T02");

        result.ExitsWith(2);
        Assert.Contains("parameter 'interval': invalid hour interval '2026-01-05T06-2026-01-05T02': its end 2026-01-05T02 is before its start 2026-01-05T06; write the earlier hour first", result.Stderr);
        Assert.False(Directory.Exists(folder.Path("data")));
    }
}
