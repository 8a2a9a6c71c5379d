using System.Diagnostics;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>
/// A run of 300 short tasks killed with <c>kill -9</c> at 20 random points, each kill followed at once by a rerun:
/// no step of a killed runner outlives it by 2 s, no task runs beside an earlier copy of itself, every output is
/// whole and written once, and no temporary output is left.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class KillSoakTests
{
    private const string Interval = "2025-01-01-2025-10-28";
    private const int Tasks = 300;
    private const int Kills = 20;

    // Each copy first looks for an earlier copy of its task still alive (its pid in running/DAY), then logs its start and
    // end with its pid. Its background job would log 'late' if it outlived the step. The first of each month takes 3 s,
    // longer than a rerun takes to start, so a copy that outlived its runner would meet the next one.
    private const string Soak = """
        workflow: Soak
        parameters:
          interval: interval
        tasks:
          Short:
            per_day: interval
            uses: shell
            with:
              command: |
                p=$(cat "running/${date}" 2>/dev/null)
                if [ -n "$p" ] && [ -e /proc/$p ] && ! grep -q ') Z' /proc/$p/stat 2>/dev/null; then echo "overlap ${date} $p $$" >> steps.log; fi
                echo $$ > "running/${date}.$$"; mv "running/${date}.$$" "running/${date}"
                echo "start ${date} $$" >> steps.log
                (sleep 20; echo "late ${date} $$" >> steps.log) &
                printf 'first ${date}\n' > "${outputs.out}"
                case ${date:dd} in 01) sleep 3 ;; *) sleep 0.1 ;; esac
                printf 'second ${date}\n' >> "${outputs.out}"
                echo "end ${date} $$" >> steps.log
            outputs:
              out: out/${date}.txt
        """;

    [Fact]
    public async Task Twenty_kill_9s_in_a_run_of_300_tasks_leave_no_orphan_no_overlap_and_whole_outputs_written_once()
    {
        using var folder = WorkFolder.Create().WithWorkflow("soak.yml", Soak).WithFolder("running").WithFolder("out");
        folder.Environment["LOADER_runner__workers"] = "2";
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var firstSeen = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();

        var run = folder.Start("run", "Soak", "--interval", Interval);
        for (var kill = 1; kill <= Kills; kill++)
        {
            await run.WaitForOutputAsync("] run ", WorkFolder.CommandTimeout);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1500)));
            if (run.HasExited)
            {
                Assert.Fail($"run {kill} ended before its kill: the soak is too short (seed {seed}).\n{await run.WaitAsync(TimeSpan.FromSeconds(10))}");
            }
            run.Kill();
            var killedAt = Stopwatch.StartNew();
            var killed = run.Id;
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            run = folder.Start("run", "Soak", "--interval", Interval);

            var survivors = await ProcessTable.WaitUntilNoneAsync(() => ProcessTable.StepsOf(killed), TimeSpan.FromSeconds(2) - killedAt.Elapsed);
            Assert.True(survivors.Count == 0, $"2 s after kill {kill} (seed {seed}), steps of the killed runner still run: {ProcessTable.Describe(survivors)}");
            AssertWholeAndWrittenOnce(folder, firstSeen);
        }

        (await run.WaitAsync(WorkFolder.CommandTimeout)).ExitsWith(0);
        AssertWholeAndWrittenOnce(folder, firstSeen);
        Assert.Equal(Tasks, firstSeen.Count);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(folder.Path("out")), p => Path.GetFileName(p).StartsWith('.'));
        AssertNoOverlap(folder.Lines("steps.log"), seed);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"the soak took {clock.Elapsed}");
    }

    /// <summary>Every final output holds both its lines; one seen before was never written again.</summary>
    private static void AssertWholeAndWrittenOnce(WorkFolder folder, Dictionary<string, DateTime> firstSeen)
    {
        foreach (var path in Directory.EnumerateFiles(folder.Path("out")).Where(p => !Path.GetFileName(p).StartsWith('.')))
        {
            var day = Path.GetFileNameWithoutExtension(path);
            Assert.Equal($"first {day}\nsecond {day}\n", File.ReadAllText(path));
            var written = File.GetLastWriteTimeUtc(path);
            Assert.Equal(firstSeen.TryAdd(day, written) ? written : firstSeen[day], written);
        }
    }

    /// <summary>
    /// No copy found an earlier one alive when it started; no copy ended (or left a background job that logged) after a
    /// later copy of its task had started.
    /// </summary>
    private static void AssertNoOverlap(IReadOnlyList<string> log, int seed)
    {
        var started = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in log)
        {
            var parts = line.Split(' ');
            var (what, day, pid) = (parts[0], parts[1], parts[2]);
            Assert.True(what is "start" or "end", $"{line} (seed {seed})");
            var copies = started.TryGetValue(day, out var list) ? list : started[day] = [];
            if (what == "start")
            {
                copies.Add(pid);
            }
            else
            {
                Assert.True(copies[^1] == pid, $"copy {pid} of {day} ended after copy {copies[^1]} started (seed {seed})");
            }
        }
        Assert.Equal(Tasks, started.Count);
        var interrupted = started.Values.Sum(copies => copies.Count) - Tasks;
        Assert.True(interrupted >= Kills / 2, $"only {interrupted} of {Kills} kills cut a step short, so few orphans were possible (seed {seed})");
    }
}
