using System.Diagnostics;
using System.Globalization;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>
/// A step runs in a session of its own with everything it starts: cancelling, finishing or losing its runner (even to
/// <c>kill -9</c>) ends the whole session, background jobs included.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class StepProcessTests
{
    // The step starts a background job that ignores SIGINT and SIGHUP, as jobs started from scripts do, then waits.
    // Once the file 'rerun' exists the step just writes its output, so a later run can finish the task.
    private const string Napper = """
        workflow: Napper
        tasks:
          Nap:
            uses: shell
            with:
              command: |
                if [ -e rerun ]; then
                  for pid in $(cat pids); do
                    if [ -e /proc/$pid ] && ! grep -q ') Z' /proc/$pid/stat; then echo "an earlier copy ($pid) still runs" >&2; exit 1; fi
                  done
                  echo done > "${outputs.out}"; exit 0
                fi
                trap '' INT HUP
                sleep 300 &
                echo "$$ $!" > pids.tmp; mv pids.tmp pids
                wait
            outputs:
              out: out/nap.txt
        """;

    private static readonly string[] Interruptible = ["env", "--default-signal=INT"];

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("QUIT")]
    public async Task A_stopping_signal_cancels_the_run_records_it_and_kills_the_steps_background_jobs(string signal)
    {
        using var folder = WorkFolder.Create().WithWorkflow("napper.yml", Napper);
        var run = folder.Start("run", "Napper");
        var pids = await StepPidsAsync(folder, run);

        await run.SignalAsync(signal);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitsWith(130).Prints("cancelled Nap()");
        await AssertEndedAsync(pids, TimeSpan.FromSeconds(5));
        var history = (await folder.RunAsync("history", result.RunId().ToString(CultureInfo.InvariantCulture), "--output", "json")).ExitsWith(0).Json();
        Assert.Equal("cancelled", history.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("cancelled", Assert.Single(history.GetProperty("attempts").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_terminal_that_goes_away_cancels_and_records_the_run_and_kills_the_steps()
    {
        using var folder = WorkFolder.Create().WithWorkflow("napper.yml", Napper);
        // script gives loader a terminal of its own; killing script closes it, as a dropped SSH session does.
        var start = new ProcessStartInfo("script", ["-qfc", $"exec '{LoaderProcess.DotnetHost}' '{LoaderProcess.LoaderDll}' run Napper", "/dev/null"])
        {
            WorkingDirectory = folder.Root,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in folder.Environment)
        {
            start.Environment[name] = value;
        }
        // Plain output: a line for the cancelled task is written after the terminal is gone.
        start.Environment["CI"] = "true";
        using var terminal = Process.Start(start)!;
        var waited = Stopwatch.StartNew();
        while (!File.Exists(folder.Path("pids")) && waited.Elapsed < WorkFolder.CommandTimeout)
        {
            await Task.Delay(20);
        }
        var pids = File.ReadAllText(folder.Path("pids")).Split(' ', StringSplitOptions.TrimEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();

        terminal.Kill();
        await terminal.WaitForExitAsync();

        await AssertEndedAsync(pids, TimeSpan.FromSeconds(5));
        var status = "running";
        while (status == "running" && waited.Elapsed < WorkFolder.CommandTimeout)
        {
            await Task.Delay(200);
            var runs = (await folder.RunAsync("history", "--output", "json")).ExitsWith(0).Json();
            status = runs.EnumerateArray().Single().GetProperty("status").GetString()!;
        }
        Assert.Equal("cancelled", status);
    }

    [Fact]
    public async Task Ctrl_c_in_a_terminal_cancels_and_leaves_no_background_job_of_a_step()
    {
        using var folder = WorkFolder.Create().WithWorkflow("napper.yml", Napper);
        // setsid makes loader lead its own process group, as a shell makes a foreground job; Ctrl-C signals the whole group.
        var run = folder.Start(["run", "Napper"], ["setsid", .. Interruptible]);
        var pids = await StepPidsAsync(folder, run);

        await run.InterruptGroupAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitsWith(130).Prints("cancelled Nap()");
        await AssertEndedAsync(pids, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Kill_9_of_the_runner_ends_its_steps_and_their_background_jobs_within_2_seconds()
    {
        using var folder = WorkFolder.Create().WithWorkflow("napper.yml", Napper);
        var run = folder.Start("run", "Napper");
        var pids = await StepPidsAsync(folder, run);

        var killedAt = Stopwatch.StartNew();
        run.Kill();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        await AssertEndedAsync(pids, TimeSpan.FromSeconds(2) - killedAt.Elapsed);
        // The watchdog that ended them goes too: nothing started for the dead runner is left.
        var left = await ProcessTable.WaitUntilNoneAsync(() => ProcessTable.StepsOf(run.Id), TimeSpan.FromSeconds(2) - killedAt.Elapsed);
        Assert.True(left.Count == 0, $"2 s after kill -9, processes of the runner's steps still run: {ProcessTable.Describe(left)}");
    }

    [Fact]
    public async Task A_step_that_ends_leaves_no_background_job_behind()
    {
        using var folder = WorkFolder.Create().WithWorkflow("leaver.yml", """
            workflow: Leaver
            tasks:
              Leave:
                uses: shell
                with:
                  command: sleep 300 & echo $! > job.pid; echo left > "${outputs.out}"
                outputs:
                  out: out/left.txt
            """);

        (await folder.RunAsync("run", "Leaver")).ExitsWith(0);

        await AssertEndedAsync([int.Parse(File.ReadAllText(folder.Path("job.pid")), CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_lease_of_a_dead_runner_is_taken_over_only_after_its_surviving_step_processes_are_killed()
    {
        using var folder = WorkFolder.Create().WithWorkflow("napper.yml", Napper);
        folder.Environment["LOADER_state__lease_ttl"] = "10m";
        var run = folder.Start("run", "Napper");
        var pids = await StepPidsAsync(folder, run);
        // Kill the step's watchdog first, so that nothing stops the step when its runner dies: as if both crashed.
        var watchdog = ProcessTable.ParentOf(pids[0]);
        Process.Start("kill", ["-KILL", "--", "-" + watchdog.ToString(CultureInfo.InvariantCulture)]).WaitForExit();
        run.Kill();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(pids, pid => Assert.True(ProcessTable.IsAlive(pid), $"the step process {pid} died with its runner, so nothing is left to check"));

        File.WriteAllText(folder.Path("rerun"), "");
        var rerun = await folder.RunAsync("run", "Napper");

        // The rerun's step itself fails when an earlier copy still runs.
        rerun.ExitsWith(0).Prints("done    Nap()");
        await AssertEndedAsync(pids, TimeSpan.Zero);
    }

    /// <summary>The pids of the step's shell and of its background job, once it has started both.</summary>
    private static async Task<int[]> StepPidsAsync(WorkFolder folder, LoaderProcess run)
    {
        var waited = Stopwatch.StartNew();
        while (!File.Exists(folder.Path("pids")))
        {
            if (run.HasExited || waited.Elapsed > WorkFolder.CommandTimeout)
            {
                Assert.Fail($"the step never started.\n{await run.WaitAsync(TimeSpan.FromSeconds(10))}");
            }
            await Task.Delay(20);
        }
        return File.ReadAllText(folder.Path("pids")).Split(' ', StringSplitOptions.TrimEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    }

    private static async Task AssertEndedAsync(IReadOnlyList<int> pids, TimeSpan within)
    {
        var alive = await ProcessTable.WaitUntilNoneAsync(() => pids.Where(ProcessTable.IsAlive).ToList(), within);
        Assert.True(alive.Count == 0, $"still running {within.TotalSeconds:0.#} s later: {ProcessTable.Describe(alive)}");
    }
}
