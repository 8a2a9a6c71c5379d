using Loader.State;

namespace Loader.Engine.Tests.Scheduling;

/// <summary>The scheduler's decisions under a clock the test moves: fires on time, catch-up, overlap, pause, take-over, waiting for data.</summary>
public sealed class SchedulerTests
{
    // Each run appends its date to data/days.txt; 'gate' makes a run wait until data/open exists.
    private const string Workflows = """
        workflow: Daily
        parameters:
          date: date
          gate: {type: string, default: "no"}
        tasks:
          Write:
            uses: shell
            with:
              command: "if [ '${gate}' = yes ]; then while [ ! -e open ]; do sleep 0.05; done; fi; echo ${date} >> days.txt; touch '${outputs.done}'"
              workdir: ${config.data_dir}
            outputs:
              done: "${config.data_dir}/done-${date}.txt"
        ---
        workflow: Dump
        parameters:
          date: date
        tasks:
          Arrives:
            uses: external
            outputs:
              file: "${config.data_dir}/dump-${date}.csv"
          Load:
            requires: [Arrives]
            uses: shell
            with:
              command: "echo loaded ${date} >> loaded.txt; touch '${outputs.done}'"
              workdir: ${config.data_dir}
            outputs:
              done: "${config.data_dir}/loaded-${date}.txt"
        """;

    private static string Nightly(string extra = "") => $$"""
        schedules:
          nightly:
            workflow: Daily
            cron: "0 2 * * *"
            parameters:
              date: "${fire.date}"
        {{extra}}
        """;

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_schedule_fires_once_at_its_time_with_the_fire_day_as_date()
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly());
        var scheduler = rig.Scheduler();

        await rig.TurnAtAsync(scheduler, At(2, 1, 59));
        Assert.Empty(await rig.FiresAsync("nightly"));
        await rig.TurnAtAsync(scheduler, At(2, 2).AddMilliseconds(300));
        await rig.TurnAtAsync(scheduler, At(2, 2, 0).AddSeconds(1));
        await rig.SettleAsync(scheduler);

        var fire = Assert.Single(await rig.FiresAsync("nightly"));
        Assert.Equal(At(2, 2), fire.FireTime);
        Assert.Equal(FireStatus.Succeeded, fire.Status);
        Assert.NotNull(fire.RunId);
        Assert.Equal(["2026-03-02"], rig.Harness.Lines("days.txt"));
    }

    [Theory]
    [InlineData("latest", new[] { "2026-03-05" }, 2)]
    [InlineData("all", new[] { "2026-03-03", "2026-03-04", "2026-03-05" }, 0)]
    [InlineData("none", new string[0], 3)]
    public async Task Periods_missed_while_no_service_ran_are_caught_up_as_the_policy_says(string policy, string[] days, int skipped)
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly($"    catchup: {policy}"));
        await rig.TurnAtAsync(rig.Scheduler("host-a:1"), At(2, 12));

        // The service was down from the 2nd at noon to the 5th at 03:00; another process starts.
        var restarted = rig.Scheduler("host-a:2");
        await rig.TurnAtAsync(restarted, At(5, 3));
        await rig.SettleAsync(restarted);

        Assert.Equal(days, rig.Harness.Lines("days.txt"));
        var fires = await rig.FiresAsync("nightly");
        Assert.Equal(3, fires.Count);
        Assert.Equal(skipped, fires.Count(f => f.Status == FireStatus.Skipped));
        Assert.All(fires.Where(f => f.Status != FireStatus.Skipped), f => Assert.Equal(FireStatus.Succeeded, f.Status));

        // Turning again runs nothing twice.
        await rig.TurnAtAsync(restarted, At(5, 4));
        await rig.SettleAsync(restarted);
        Assert.Equal(days, rig.Harness.Lines("days.txt"));
    }

    [Fact]
    public async Task Catch_up_of_all_periods_stops_at_its_limit()
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly("    catchup: all\n    catchup_limit: 2"));
        await rig.TurnAtAsync(rig.Scheduler(), At(2, 12));
        var restarted = rig.Scheduler("host-a:2");
        await rig.TurnAtAsync(restarted, At(8, 3));
        await rig.SettleAsync(restarted);

        Assert.Equal(["2026-03-07", "2026-03-08"], rig.Harness.Lines("days.txt"));
    }

    [Theory]
    [InlineData("skip")]
    [InlineData("queue")]
    public async Task A_fire_while_the_previous_run_still_runs_is_skipped_or_queued(string overlap)
    {
        var schedules = $$"""
            schedules:
              often:
                workflow: Daily
                cron: "* * * * *"
                overlap: {{overlap}}
                parameters:
                  date: "${fire.date}"
                  gate: "yes"
            """;
        await using var rig = await SchedulerRig.CreateAsync(Workflows, schedules);
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 9, 59));
        await rig.TurnAtAsync(scheduler, At(2, 10));
        await rig.TurnAtAsync(scheduler, At(2, 10, 1));
        await rig.TurnAtAsync(scheduler, At(2, 10, 2));

        var fires = await rig.FiresAsync("often");
        Assert.Equal(FireStatus.Running, fires[0].Status);
        var expected = overlap == "skip" ? FireStatus.Skipped : FireStatus.Queued;
        Assert.Equal([expected, expected], fires.Skip(1).Select(f => f.Status));

        rig.Harness.Sandbox.Write("data/open", "");
        await rig.SettleAsync(scheduler);
        fires = await rig.FiresAsync("often");
        Assert.Equal(overlap == "skip" ? 1 : 3, fires.Count(f => f.Status == FireStatus.Succeeded));
    }

    [Fact]
    public async Task Fires_queued_behind_a_slow_run_are_capped_at_the_catch_up_limit()
    {
        var schedules = """
            schedules:
              often:
                workflow: Daily
                cron: "* * * * *"
                overlap: queue
                catchup_limit: 2
                parameters:
                  date: "${fire.date}"
                  gate: "yes"
            """;
        await using var rig = await SchedulerRig.CreateAsync(Workflows, schedules);
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 9, 59));
        for (var minute = 0; minute <= 5; minute++)
        {
            await rig.TurnAtAsync(scheduler, At(2, 10, minute));
        }

        var fires = await rig.FiresAsync("often");
        Assert.Equal(
            [FireStatus.Running, FireStatus.Queued, FireStatus.Queued, FireStatus.Skipped, FireStatus.Skipped, FireStatus.Skipped],
            fires.Select(f => f.Status));
        Assert.Contains("already queued", fires[^1].Note, StringComparison.Ordinal);
        rig.Harness.Sandbox.Write("data/open", "");
        await rig.SettleAsync(scheduler);
    }

    [Fact]
    public async Task A_paused_schedule_does_not_fire_and_resuming_fires_from_the_next_period_on()
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly());
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 1));
        await scheduler.PauseAsync("nightly", CancellationToken.None);

        await rig.TurnAtAsync(scheduler, At(2, 2, 0).AddSeconds(1));
        await rig.TurnAtAsync(scheduler, At(3, 2, 0).AddSeconds(1));
        Assert.Empty(await rig.FiresAsync("nightly"));
        var view = Assert.Single(await scheduler.ListAsync(CancellationToken.None));
        Assert.True(view.Paused);

        await scheduler.ResumeAsync("nightly", CancellationToken.None);
        await rig.TurnAtAsync(scheduler, At(3, 12));
        Assert.Empty(await rig.FiresAsync("nightly"));
        await rig.TurnAtAsync(scheduler, At(4, 2, 0).AddSeconds(1));
        await rig.SettleAsync(scheduler);
        Assert.Equal(["2026-03-04"], rig.Harness.Lines("days.txt"));
    }

    [Fact]
    public async Task The_running_fire_of_a_dead_service_process_is_taken_over_and_run_once()
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly());
        var now = At(2, 2, 0).AddSeconds(30);
        Assert.True(await rig.State.TryRecordFireAsync(
            new FireRecord("nightly", At(2, 2), "gone-host:4242", FireStatus.Running, null, At(2, 2), At(2, 2), null, null), CancellationToken.None));
        await rig.State.SetCheckpointAsync("schedule:nightly:since", At(1, 12).ToString("O"), CancellationToken.None);

        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, now);
        Assert.Equal("gone-host:4242", (await rig.FiresAsync("nightly"))[0].Owner); // silent for 30 s only: still alive
        await rig.TurnAtAsync(scheduler, now.AddMinutes(2));
        await rig.SettleAsync(scheduler);

        var fire = Assert.Single(await rig.FiresAsync("nightly"));
        Assert.Equal("test-host:1", fire.Owner);
        Assert.Equal(FireStatus.Succeeded, fire.Status);
        Assert.Equal(["2026-03-02"], rig.Harness.Lines("days.txt"));
    }

    [Fact]
    public async Task A_run_whose_data_is_missing_waits_for_it_and_runs_when_it_arrives()
    {
        var schedules = """
            schedules:
              dump:
                workflow: Dump
                cron: "0 2 * * *"
                wait_for_data: {every: 10m, for: 2h}
                parameters:
                  date: "${fire.date}"
            """;
        await using var rig = await SchedulerRig.CreateAsync(Workflows, schedules);
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 1));
        await rig.TurnAtAsync(scheduler, At(2, 2, 0).AddSeconds(1));
        await rig.SettleAsync(scheduler);

        var fire = Assert.Single(await rig.FiresAsync("dump"));
        Assert.Equal(FireStatus.Waiting, fire.Status);
        Assert.Contains("waiting for data", fire.Note, StringComparison.Ordinal);

        await rig.TurnAtAsync(scheduler, At(2, 2, 5));
        await rig.SettleAsync(scheduler);
        Assert.Empty(rig.Harness.Lines("loaded.txt"));

        rig.Harness.Sandbox.Write("data/dump-2026-03-02.csv", "id\n1\n");
        await rig.TurnAtAsync(scheduler, At(2, 2, 11));
        await rig.SettleAsync(scheduler);
        await rig.TurnAtAsync(scheduler, At(2, 2, 11).AddSeconds(5));
        await rig.SettleAsync(scheduler);

        Assert.Equal(FireStatus.Succeeded, Assert.Single(await rig.FiresAsync("dump")).Status);
        Assert.Equal(["loaded 2026-03-02"], rig.Harness.Lines("loaded.txt"));
    }

    [Fact]
    public async Task Data_still_missing_at_the_deadline_ends_the_fire_as_missing_data()
    {
        var schedules = """
            schedules:
              dump:
                workflow: Dump
                cron: "0 2 * * *"
                wait_for_data: {every: 30m, for: 1h}
                parameters:
                  date: "${fire.date}"
            """;
        await using var rig = await SchedulerRig.CreateAsync(Workflows, schedules);
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 1));
        await rig.TurnAtAsync(scheduler, At(2, 2, 0).AddSeconds(1));
        await rig.SettleAsync(scheduler);
        await rig.TurnAtAsync(scheduler, At(2, 2, 31));
        await rig.SettleAsync(scheduler);
        await rig.TurnAtAsync(scheduler, At(2, 2, 31).AddSeconds(5));
        await rig.SettleAsync(scheduler);

        var fire = Assert.Single(await rig.FiresAsync("dump"));
        Assert.Equal(FireStatus.MissingData, fire.Status);
        Assert.Contains("dump-2026-03-02.csv", fire.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fire_not_complete_within_its_deadline_is_said_late_once_however_many_fires_are_late_together()
    {
        var schedules = """
            schedules:
              dump:
                workflow: Dump
                cron: "0 2 * * *"
                wait_for_data: {every: 30m, for: 1h}
                complete_within: 1h
                parameters:
                  date: "${fire.date}"
            """;
        await using var rig = await SchedulerRig.CreateAsync(Workflows, schedules);
        var scheduler = rig.Scheduler();
        await rig.TurnAtAsync(scheduler, At(2, 1));
        foreach (var day in (int[])[2, 3])
        {
            await rig.TurnAtAsync(scheduler, At(day, 2, 0).AddSeconds(1));
            await rig.SettleAsync(scheduler);
            await rig.TurnAtAsync(scheduler, At(day, 2, 31));
            await rig.SettleAsync(scheduler);
            for (var minute = 5; minute < 10; minute++)
            {
                await rig.TurnAtAsync(scheduler, At(day, 3, minute));
                await rig.SettleAsync(scheduler);
            }
        }

        var late = rig.Log.ToString().Split('\n').Where(l => l.Contains("notify: late: dump", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, late.Count);
        Assert.Contains("not complete by 2026-03-02 03:00", late[0], StringComparison.Ordinal);
        Assert.Contains("not complete by 2026-03-03 03:00", late[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_now_fires_outside_the_cron_periods_and_returns_the_run()
    {
        await using var rig = await SchedulerRig.CreateAsync(Workflows, Nightly());
        var scheduler = rig.Scheduler();
        rig.Clock.SetUtcNow(At(2, 15, 30));

        var runId = await scheduler.RunNowAsync("nightly", CancellationToken.None);
        await rig.SettleAsync(scheduler);

        var fire = Assert.Single(await rig.FiresAsync("nightly"));
        Assert.Equal(runId, fire.RunId);
        Assert.Equal(FireStatus.Succeeded, fire.Status);
        Assert.Equal(["2026-03-02"], rig.Harness.Lines("days.txt"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => scheduler.RunNowAsync("nope", CancellationToken.None));
    }
}
