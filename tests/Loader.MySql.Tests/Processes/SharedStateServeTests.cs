using System.Diagnostics;
using System.Globalization;
using Loader.MySql.Tests.Support;
using Xunit.Abstractions;

namespace Loader.MySql.Tests.Processes;

/// <summary>
/// Two <c>loader serve</c> processes in one project sharing the MariaDB state store fire a two-second schedule: every period
/// runs exactly once between them, and when one is killed with kill -9 the other takes over its fires.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class SharedStateServeTests(MariaDbServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    // Each fire appends its fire time to data/ticks.txt, stays a moment, then leaves its marker: a second execution of a
    // fire shows as a second line.
    private const string Tick = """
        workflow: Tick
        parameters:
          at: string
        tasks:
          Write:
            uses: shell
            with:
              command: "echo ${at} >> ticks.txt && sleep SLEEP && touch '${outputs.done}'"
              workdir: data
            outputs:
              done: "data/tick-${at}.txt"
        """;

    private const string Schedule = """

        schedules:
          ticking:
            workflow: Tick
            cron: "*/2 * * * * *"
            time_zone: UTC
            catchup: all
            catchup_limit: 100
            overlap: queue
            parameters:
              at: "${fire:yyyyMMddHHmmss}"
        """;

    [Fact]
    public async Task Two_serve_processes_sharing_the_mariadb_state_store_fire_each_period_exactly_once()
    {
        var state = server.NewDatabaseName("serve_state");
        using var folder = Project(state, sleep: "0.2");

        var one = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        var other = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, 1, one, other);
        await Task.Delay(TimeSpan.FromSeconds(20));
        await one.TerminateAsync();
        await other.TerminateAsync();
        var exits = await Task.WhenAll(one.WaitAsync(TimeSpan.FromSeconds(60)), other.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.True(exits.All(e => e == 0), $"{one}\n{other}");
        var ticks = Ticks(folder);
        var twice = ticks.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"periods ran more than once: {string.Join(", ", twice)}\n{one}\n{other}");
        var times = AssertEveryPeriod(ticks);
        Assert.True(times.Count >= 8, $"only {times.Count} periods ran in 20 s:\n{string.Join('\n', ticks)}");
        var fires = await FiresAsync(state);
        AssertOneSucceededFirePerPeriod(fires, times);
        Assert.All(fires, f => Assert.Contains(f.Owner, new[] { Owner(one), Owner(other) }));
        Report("split", fires, one, other);
    }

    [Fact]
    public async Task A_serve_process_killed_with_kill_9_has_its_fires_taken_over_by_the_other_and_no_period_is_lost_or_run_twice()
    {
        var state = server.NewDatabaseName("serve_takeover");
        using var folder = Project(state, sleep: "0.5");

        var one = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        var other = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForTicksAsync(folder, 3, one, other);
        // Kill whichever process runs a fire that has written its line and not yet its marker.
        var (victim, killed) = await WaitForRunningFireAsync(folder, state, one, other);
        var survivor = victim == one ? other : one;
        victim.Kill();
        var clock = Stopwatch.StartNew();
        await victim.WaitAsync(TimeSpan.FromSeconds(30));
        while ((await FiresAsync(state)).Single(f => f.FireTime == killed).Owner != Owner(survivor))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the fire of {killed:HH:mm:ss} was not taken over:\n{survivor}");
            await Task.Delay(50);
        }
        var takenOverAfter = clock.Elapsed;
        await WaitForTicksAsync(folder, Ticks(folder).Count + 4, survivor);
        // Stopped while a fire runs, the survivor lets it finish (service.grace) rather than cancel it.
        var (_, stoppedDuring) = await WaitForRunningFireAsync(folder, state, survivor);
        await survivor.TerminateAsync();
        var exit = await survivor.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, survivor.ToString());
        Assert.True(File.Exists(folder.PathOf($"data/tick-{stoppedDuring:yyyyMMddHHmmss}.txt")), $"the fire of {stoppedDuring:HH:mm:ss}, running at SIGTERM, was cut short:\n{survivor}");
        Assert.Contains("take-over", survivor.Output, StringComparison.Ordinal);
        var ticks = Ticks(folder);
        var times = AssertEveryPeriod(ticks);
        // The killed fire ran again on the survivor: its line, written before the kill, may be there twice; no other is.
        var twice = ticks.GroupBy(t => t).Where(g => g.Count() > 1).ToList();
        Assert.True(twice.All(g => g.Key == killed.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) && g.Count() == 2),
            $"periods other than the killed one ran more than once:\n{string.Join('\n', ticks)}");
        var fires = await FiresAsync(state);
        AssertOneSucceededFirePerPeriod(fires, times);
        Assert.Contains(fires, f => f.FireTime > killed && f.Owner == Owner(survivor));
        Assert.True(takenOverAfter < TimeSpan.FromSeconds(5), $"the fire of the dead process was taken over only after {takenOverAfter.TotalSeconds:0.0}s");
        output.WriteLine($"killed {Owner(victim)} running the fire of {killed:HH:mm:ss}; taken over after {takenOverAfter.TotalMilliseconds:0} ms; run twice: {twice.Count}");
        Report("after the kill", fires, one, other);
    }

    private ProjectFolder Project(string state, string sleep)
    {
        var folder = new ProjectFolder(server, server.NewDatabaseName("ticks"), $"  mysql: {server.CredentialsPath}\n  database: {state}\n  lease_ttl: 10s")
            .Workflow("tick.yml", Tick.Replace("SLEEP", sleep, StringComparison.Ordinal));
        File.AppendAllText(folder.PathOf("config/default.yml"), Schedule);
        return folder;
    }

    /// <summary>Waits until a fire of one of the processes is running with its line written; that process and the fire time.</summary>
    private async Task<(LoaderProcess Owner, DateTimeOffset FireTime)> WaitForRunningFireAsync(ProjectFolder folder, string state, params LoaderProcess[] processes)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var ticks = Ticks(folder);
            var running = (await FiresAsync(state)).Where(f => f.Status == "running" && ticks.Contains(f.FireTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)));
            if (running.FirstOrDefault() is { } fire && processes.FirstOrDefault(p => Owner(p) == fire.Owner) is { } owner)
            {
                return (owner, fire.FireTime);
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "no fire was caught running");
            await Task.Delay(50);
        }
    }

    /// <summary>The fire times of <paramref name="ticks"/>, once each, in order; fails unless they are consecutive periods.</summary>
    private static List<DateTimeOffset> AssertEveryPeriod(IReadOnlyList<string> ticks)
    {
        var times = ticks.Distinct()
            .Select(t => DateTimeOffset.ParseExact(t, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            .Order()
            .ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] == Period, $"a period between {times[i - 1]:HH:mm:ss} and {times[i]:HH:mm:ss} did not run:\n{string.Join('\n', ticks)}");
        }
        return times;
    }

    /// <summary>
    /// One fire row per period that ran, succeeded; after them only fires queued behind the last run when the service stopped,
    /// which stay queued for the next start.
    /// </summary>
    private static void AssertOneSucceededFirePerPeriod(IReadOnlyList<(DateTimeOffset FireTime, string Owner, string Status)> fires, List<DateTimeOffset> times)
    {
        var ran = fires.Take(times.Count).ToList();
        Assert.True(times.SequenceEqual(ran.Select(f => f.FireTime)), $"the fires table does not hold one row per period that ran:\n{Describe(fires)}");
        Assert.True(ran.All(f => f.Status == "succeeded") && fires.Skip(times.Count).All(f => f.Status == "queued"), Describe(fires));
    }

    private static async Task WaitForTicksAsync(ProjectFolder folder, int count, params LoaderProcess[] serving)
    {
        var waited = Stopwatch.StartNew();
        while (Ticks(folder).Count < count)
        {
            Assert.All(serving, s => Assert.False(s.HasExited, $"serve ended:\n{s}"));
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"only {Ticks(folder).Count} of {count} fires ran:\n{string.Join('\n', serving.Select(s => s.ToString()))}");
            await Task.Delay(100);
        }
    }

    private static List<string> Ticks(ProjectFolder folder) => folder.Lines("data/ticks.txt").Where(l => l.Length > 0).ToList();

    private async Task<IReadOnlyList<(DateTimeOffset FireTime, string Owner, string Status)>> FiresAsync(string state) =>
        (await server.RowsAsync($"SELECT fire_time, owner, status FROM `{state}`.fires WHERE schedule = 'ticking' ORDER BY fire_time"))
        .Select(r => (DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(r[0]!, CultureInfo.InvariantCulture)), r[1]!, r[2]!))
        .ToList();

    private static string Describe(IEnumerable<(DateTimeOffset FireTime, string Owner, string Status)> fires) =>
        string.Join('\n', fires.Select(f => $"{f.FireTime:HH:mm:ss} {f.Owner} {f.Status}"));

    private static string Owner(LoaderProcess process) => $"{Environment.MachineName}:{process.Id}";

    private void Report(string what, IReadOnlyList<(DateTimeOffset FireTime, string Owner, string Status)> fires, params LoaderProcess[] processes) =>
        output.WriteLine($"{what}: {fires.Count} fires; " + string.Join(", ", processes.Select(p => $"{Owner(p)} {fires.Count(f => f.Owner == Owner(p))}"))
            + "\n" + Describe(fires));
}
