using System.Globalization;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Service;

/// <summary>A real <c>loader serve</c> process firing a schedule every few seconds: runs appear, kill -9 and restart lose and double nothing.</summary>
[Collection(SerialCollection.Name)]
public sealed class ServeTests
{
    // Each fire appends its fire time to data/ticks.txt and leaves a marker, so a fire's side effect can be counted.
    private const string Tick = """
        workflow: Tick
        parameters:
          at: string
        tasks:
          Write:
            uses: shell
            with:
              command: "echo ${at} >> ticks.txt && touch '${outputs.done}'"
              workdir: data
            outputs:
              done: "data/tick-${at}.txt"
        """;

    private const string Schedule = """

        schedules:
          ticking:
            workflow: Tick
            cron: "*/3 * * * * *"
            catchup: all
            catchup_limit: 100
            overlap: queue
            parameters:
              at: "${fire:yyyyMMddHHmmss}"
        """;

    [Fact]
    public async Task Serve_fires_a_schedule_on_time_and_after_kill_9_a_restart_runs_each_missed_fire_once()
    {
        using var folder = WorkFolder.Create().WithWorkflow("tick.yml", Tick).WithFolder("data");
        File.AppendAllText(folder.Path("config/default.yml"), Schedule);

        var first = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, first, 2);
        first.Kill();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        var killedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(7)); // at least two periods pass with no service

        var second = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, second, Ticks(folder).Count + 4);
        await second.TerminateAsync();
        var stopped = await second.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains("stopped", stopped.Stdout, StringComparison.Ordinal);
        var ticks = Ticks(folder);
        var times = ticks.Distinct().Select(t => DateTimeOffset.ParseExact(t, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).Order().ToList();
        // Every 3-second period from the first to the last fire ran, the ones missed while no service ran included ...
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] == TimeSpan.FromSeconds(3), $"a period between {times[i - 1]:HH:mm:ss} and {times[i]:HH:mm:ss} did not run:\n{string.Join('\n', ticks)}\n{stopped}");
        }
        Assert.Contains(times, t => t > killedAt.AddSeconds(3) && t < killedAt.AddSeconds(7));
        // ... and each ran once (a fire killed mid-run may have written its line before its marker, and runs again: at most one such).
        var twice = ticks.GroupBy(t => t).Where(g => g.Count() > 1).ToList();
        Assert.True(twice.Count <= 1 && twice.All(g => g.Count() == 2), $"fires ran more than once:\n{string.Join('\n', ticks)}");
    }

    [Fact]
    public async Task Serve_stopped_by_sigterm_lets_the_running_run_finish_within_the_grace_period()
    {
        using var folder = WorkFolder.Create().WithWorkflow("tick.yml", Tick.Replace("&& touch", "&& sleep 3 && touch", StringComparison.Ordinal)).WithFolder("data");
        File.AppendAllText(folder.Path("config/default.yml"), Schedule);
        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, serve, 1);

        await serve.TerminateAsync();
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        var first = Ticks(folder)[0];
        Assert.True(File.Exists(folder.Path($"data/tick-{first}.txt")), $"the run of {first}, running at SIGTERM, was cancelled:\n{stopped}");
        Assert.Contains(": succeeded", stopped.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_takes_a_changed_schedule_without_a_restart_and_refuses_a_broken_one_keeping_the_old()
    {
        using var folder = WorkFolder.Create().WithWorkflow("tick.yml", Tick).WithFolder("data");
        var shipped = File.ReadAllText(folder.Path("config/default.yml"));
        File.WriteAllText(folder.Path("config/default.yml"), shipped + Schedule);
        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, serve, 1);

        File.WriteAllText(folder.Path("config/default.yml"), shipped + Schedule.Replace("*/3 * * * * *", "*/3 * * * * * *", StringComparison.Ordinal));
        await serve.WaitForOutputAsync("configuration not taken, the previous schedules stay", TimeSpan.FromSeconds(30));
        var ticks = Ticks(folder).Count;
        await WaitForTicksAsync(folder, serve, ticks + 1);

        File.WriteAllText(folder.Path("config/default.yml"), shipped + Schedule.Replace("workflow: Tick", "workflow: Tick\n    paused: true", StringComparison.Ordinal));
        await serve.WaitForOutputAsync("configuration re-read: 1 schedule(s)", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        ticks = Ticks(folder).Count;
        await Task.Delay(TimeSpan.FromSeconds(7));
        await serve.TerminateAsync();
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal(ticks, Ticks(folder).Count); // paused by the re-read configuration
    }

    [Fact]
    public async Task Serve_refuses_a_schedule_that_names_no_workflow_with_exit_2()
    {
        using var folder = WorkFolder.Create().WithWorkflow("tick.yml", Tick);
        File.AppendAllText(folder.Path("config/default.yml"), Schedule.Replace("workflow: Tick", "workflow: Tock", StringComparison.Ordinal));

        var result = await folder.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("schedules.ticking.workflow is 'Tock'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_next_shows_the_fire_times_in_the_schedule_zone_and_each_run_parameters()
    {
        using var folder = WorkFolder.Create().WithWorkflow("tick.yml", Tick);
        File.AppendAllText(folder.Path("config/default.yml"), """

            schedules:
              nightly:
                workflow: Tick
                cron: "0 2 * * *"
                time_zone: America/New_York
                parameters:
                  at: "${fire.date - 1d:yyyyMMdd}"
            """);

        var result = await folder.RunAsync("schedules", "next", "nightly", "--count", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^\s+\d{4}-\d\d-\d\d 02:00 -0[45]:00\s+--at \d{8}$", l));
    }

    [Fact]
    public async Task A_scheduled_run_whose_data_is_missing_shows_as_waiting_for_data_in_history()
    {
        using var folder = WorkFolder.Create().WithWorkflow("dump.yml", """
            workflow: Dump
            parameters:
              date: date
            tasks:
              Arrives:
                uses: external
                outputs:
                  file: "data/dump-${date}.csv"
              Load:
                requires: [Arrives]
                uses: shell
                with: {command: "touch '${outputs.done}'"}
                outputs:
                  done: "data/loaded-${date}.txt"
            """);
        File.AppendAllText(folder.Path("config/default.yml"), """

            schedules:
              dump:
                workflow: Dump
                cron: "0 2 * * *"
                wait_for_data: {every: 10m, for: 6h}
                parameters:
                  date: "${fire.date}"
            """);

        var fired = await folder.RunAsync("schedules", "run", "dump");
        var history = await folder.RunAsync("history");
        var json = await folder.RunAsync("history", "--output", "json");

        Assert.True(fired.ExitCode == 20, fired.ToString());
        Assert.Contains("dump: waiting for data", history.Stdout, StringComparison.Ordinal);
        var run = Assert.Single(json.Json().EnumerateArray().ToList());
        Assert.Equal("dump", run.GetProperty("schedule").GetString());
        Assert.Equal("waiting", run.GetProperty("fire").GetString());
    }

    private static async Task WaitForTicksAsync(WorkFolder folder, LoaderProcess serve, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Ticks(folder).Count < count)
        {
            Assert.False(serve.HasExited, $"serve ended:\n{serve}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), $"only {Ticks(folder).Count} of {count} fires ran:\n{serve}");
            await Task.Delay(100);
        }
    }

    private static List<string> Ticks(WorkFolder folder) =>
        File.Exists(folder.Path("data/ticks.txt")) ? File.ReadAllLines(folder.Path("data/ticks.txt")).Where(l => l.Length > 0).ToList() : [];
}
