using Loader.Configuration;
using Loader.Engine.Tests.TestSupport;
using Loader.Scheduling.Schedules;

namespace Loader.Engine.Tests.Scheduling;

/// <summary>The <c>schedules:</c> section: what it reads, what it refuses, fire times across daylight saving, parameters over the fire.</summary>
public sealed class ScheduleConfigTests
{
    private static IReadOnlyList<Schedule> Read(string yaml)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteDefaults(yaml);
        return ScheduleConfig.Read(sandbox.Configuration());
    }

    private static Schedule One(string body) => Assert.Single(Read("schedules:\n  s:\n" + body));

    [Fact]
    public void A_schedule_reads_its_workflow_cron_zone_parameters_and_policies()
    {
        var schedule = One("""
                workflow: StudentLoad
                cron: "0 2 * * *"
                time_zone: America/Los_Angeles
                catchup: all
                catchup_limit: 3
                overlap: queue
                paused: true
                wait_for_data: {every: 10m, for: 4h}
                complete_within: 4h
                parameters:
                  date: "${fire.date}"
            """);

        Assert.Equal("StudentLoad", schedule.Workflow);
        Assert.Equal("America/Los_Angeles", schedule.TimeZone.Id);
        Assert.Equal(CatchUp.All, schedule.CatchUp);
        Assert.Equal(3, schedule.CatchUpLimit);
        Assert.Equal(Overlap.Queue, schedule.Overlap);
        Assert.True(schedule.Paused);
        Assert.Equal(TimeSpan.FromMinutes(10), schedule.WaitEvery);
        Assert.Equal(TimeSpan.FromHours(4), schedule.WaitFor);
        Assert.Equal(TimeSpan.FromHours(4), schedule.CompleteWithin);
        Assert.Equal("2026-12-07", schedule.ArgumentsAt(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero))["date"]);
    }

    [Theory]
    [InlineData("    cron: \"0 2 * * *\"\n", "schedules.s.workflow is missing")]
    [InlineData("    workflow: W\n    cron: \"61 2 * * *\"\n", "schedules.s.cron is '61 2 * * *'")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    time_zone: Mars/Olympus\n", "schedules.s.time_zone is 'Mars/Olympus'")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    catchup: some\n", "schedules.s.catchup is 'some'; it must be one of latest, all, none")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    overlap: maybe\n", "schedules.s.overlap is 'maybe'")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    cronn: x\n", "schedules.s.cronn: not a schedule setting")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    catchup_limit: 0\n", "schedules.s.catchup_limit")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    wait_for_data: {every: soon}\n", "schedules.s.wait_for_data.every")]
    [InlineData("    workflow: W\n    cron: \"0 2 * * *\"\n    parameters:\n      date: \"${fire.date\"\n", "schedules.s.parameters.date")]
    public void A_mistake_names_the_schedule_key_and_value(string body, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("schedules:\n  s:\n" + body));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_daily_fire_in_a_zone_with_daylight_saving_fires_once_a_day_across_both_changes()
    {
        // New York: 2026-03-08 02:00 jumps to 03:00 (02:30 does not exist); 2026-11-01 02:00 falls back to 01:00 (01:30 happens twice).
        var spring = One("    workflow: W\n    cron: \"30 2 * * *\"\n    time_zone: America/New_York\n");
        var autumn = One("    workflow: W\n    cron: \"30 1 * * *\"\n    time_zone: America/New_York\n");

        AssertOncePerDay(spring, new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), 7);
        AssertOncePerDay(autumn, new DateTimeOffset(2026, 10, 29, 0, 0, 0, TimeSpan.Zero), 7);
        var skipped = spring.FiresBetween(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero)).Single();
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), skipped); // fired at the end of the gap, not lost
    }

    private static void AssertOncePerDay(Schedule schedule, DateTimeOffset from, int days)
    {
        var fires = schedule.FiresBetween(from, from.AddDays(days)).ToList();
        var perDay = fires.GroupBy(f => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f, schedule.TimeZone).DateTime)).ToList();
        Assert.Equal(days, fires.Count);
        Assert.All(perDay, d => Assert.Single(d));
    }

    [Fact]
    public void Parameters_are_written_over_the_fire_with_shifts_formats_and_the_previous_fire()
    {
        var schedule = One("""
                workflow: W
                cron: "0 2 * * *"
                time_zone: America/New_York
                parameters:
                  interval: "${fire.date - 30d}-${fire.date}"
                  stamp: "${fire:yyyyMMddHHmm}"
                  previous: "${fire.previous.date}"
                  later: "${fire + 90m:HH:mm}"
                  week_ago: "${fire.date - 1w:yyyy/MM/dd}"
                  name: "run-${schedule}"
            """);
        var fire = new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero); // 02:00 in New York

        var arguments = schedule.ArgumentsAt(fire);

        Assert.Equal("2026-11-07-2026-12-07", arguments["interval"]);
        Assert.Equal("202612070200", arguments["stamp"]);
        Assert.Equal("2026-12-06", arguments["previous"]);
        Assert.Equal("03:30", arguments["later"]);
        Assert.Equal("2026/11/30", arguments["week_ago"]);
        Assert.Equal("run-s", arguments["name"]);
    }

    [Fact]
    public void A_parameter_naming_what_a_fire_does_not_have_is_a_clear_error_when_configuration_is_read()
    {
        var error = Assert.Throws<ConfigurationException>(() => One("    workflow: W\n    cron: \"0 2 * * *\"\n    parameters:\n      date: \"${today}\"\n"));
        Assert.StartsWith("schedules.s.parameters.date: ${today}: is not known", error.Message, StringComparison.Ordinal);
        Assert.Contains("${fire.date}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cron_that_never_fires_is_a_clear_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => One("    workflow: W\n    cron: \"0 0 31 4 *\"\n"));
        Assert.StartsWith("schedules.s.cron is '0 0 31 4 *': it never fires", error.Message, StringComparison.Ordinal);
    }
}
