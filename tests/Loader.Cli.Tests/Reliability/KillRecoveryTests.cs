using System.Diagnostics;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>A runner killed with <c>kill -9</c> leaves nothing half-written, and the next run finishes only what is missing.</summary>
[Collection(SerialCollection.Name)]
public sealed class KillRecoveryTests
{
    private const string Interval = "2026-01-01-2026-01-17";

    // Each day writes its output in two steps 0.3 s apart: a kill between them must never leave a final file with one.
    private const string Sleepy = """
        workflow: Sleepy
        parameters:
          interval: interval
        tasks:
          Slow:
            per_day: interval
            uses: shell
            with:
              command: |
                echo started >> counters/${date}.txt
                printf 'begin ${date}\n' > "${outputs.out}"
                sleep 0.3
                printf 'end ${date}\n' >> "${outputs.out}"
            outputs:
              out: out/${date}.txt
        """;

    private static readonly string[] Days = Enumerable.Range(1, 16).Select(d => $"2026-01-{d:D2}").ToArray();

    [Fact]
    public async Task A_run_killed_midway_is_finished_by_the_next_without_rerunning_completed_days_or_leaving_partial_outputs()
    {
        using var folder = WorkFolder.Create().WithWorkflow("sleepy.yml", Sleepy).WithFolder("counters");
        folder.Environment["LOADER_runner__workers"] = "2";

        var first = folder.Start("run", "Sleepy", "--interval", Interval);
        await first.WaitForOutputAsync("] run ", TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => FinalOutputs(folder).Count >= 4, first);
        first.Kill();
        var killed = await first.WaitAsync(TimeSpan.FromSeconds(30));
        var doneBeforeKill = FinalOutputs(folder);

        Assert.True(killed.ExitCode != 0, $"the first run was expected to die from kill -9.\n{killed}");
        Assert.True(doneBeforeKill.Count < Days.Length, $"the first run finished all {Days.Length} days before the kill, so nothing was interrupted");
        AssertWhole(folder, doneBeforeKill);

        var second = await folder.RunAsync("run", "Sleepy", "--interval", Interval, "--output", "json");

        second.ExitsWith(0);
        var rerun = (await folder.AttemptsAsync(second.RunId())).ToList();
        Assert.All(rerun, a => Assert.Equal((1, "succeeded"), (a.Attempt, a.Status)));
        var rerunDays = rerun.Select(a => DayOf(a.Task)).ToHashSet();
        Assert.Empty(rerunDays.Intersect(doneBeforeKill));
        Assert.Equal(Days.Except(doneBeforeKill).Order(), rerunDays.Order());
        Assert.All(doneBeforeKill, day => Assert.Single(folder.Lines($"counters/{day}.txt")));
        Assert.Equal(Days, FinalOutputs(folder).Order());
        AssertWhole(folder, Days);

        // What the killed run recorded as succeeded had its output in place: a success is recorded after the commit.
        var recordedBeforeKill = (await folder.AttemptsAsync(killed.RunId())).Where(a => a.Status == "succeeded").Select(a => DayOf(a.Task));
        Assert.Subset(doneBeforeKill.ToHashSet(), recordedBeforeKill.ToHashSet());
    }

    /// <summary>The days whose output exists under its final name; temporary <c>.NAME.tmp-*</c> files do not count.</summary>
    private static List<string> FinalOutputs(WorkFolder folder) =>
        Directory.Exists(folder.Path("out"))
            ? Directory.EnumerateFiles(folder.Path("out"))
                .Select(Path.GetFileName)
                .Where(name => !name!.StartsWith('.'))
                .Select(name => Path.GetFileNameWithoutExtension(name)!)
                .ToList()
            : [];

    private static void AssertWhole(WorkFolder folder, IEnumerable<string> days) =>
        Assert.All(days, day => Assert.Equal($"begin {day}\nend {day}\n", File.ReadAllText(folder.Path($"out/{day}.txt"))));

    private static string DayOf(string task) => task["Slow(date=".Length..^1];

    private static async Task WaitUntilAsync(Func<bool> condition, LoaderProcess process)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"the run ended or stalled before it was midway.\n{await process.WaitAsync(TimeSpan.FromSeconds(30))}");
            }
            await Task.Delay(20);
        }
    }
}
