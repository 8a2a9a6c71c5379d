using System.Diagnostics;
using System.Globalization;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>Ctrl-C (SIGINT) stops a run cleanly: the task's process is stopped, the attempt is recorded as cancelled, exit code 130.</summary>
[Collection(SerialCollection.Name)]
public sealed class CancellationTests
{
    // 'exec' makes the pid written the sleeping process itself, so the test can tell whether it was stopped.
    private const string Sleeper = """
        workflow: Sleeper
        tasks:
          Nap:
            uses: shell
            with:
              command: echo $$ > nap.pid; exec sleep 120
            outputs:
              out: out/nap.txt
        """;

    // A process started from a shell script without job control ignores SIGINT, and a child inherits that: reset it,
    // so the test does not depend on how the test runner itself was started.
    private static readonly string[] Interruptible = ["env", "--default-signal=INT"];

    [Fact]
    public async Task Sigint_cancels_the_run_with_exit_code_130_and_records_the_attempt_as_cancelled()
    {
        using var folder = WorkFolder.Create().WithWorkflow("sleeper.yml", Sleeper);
        var run = folder.Start(["run", "Sleeper"], Interruptible);
        await run.WaitForOutputAsync("started Nap()", WorkFolder.CommandTimeout);
        var nap = await PidAsync(folder);

        await run.InterruptAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitsWith(130).Prints("cancelled Nap()").Prints("This progress looks :| because the run was cancelled");
        await AssertEndedAsync(nap);
        await AssertRecordedAsCancelledAsync(folder, result.RunId());
        Assert.False(File.Exists(folder.Path("out/nap.txt")));
    }

    [Fact]
    public async Task Sigterm_cancels_the_run_as_sigint_does()
    {
        using var folder = WorkFolder.Create().WithWorkflow("sleeper.yml", Sleeper);
        var run = folder.Start("run", "Sleeper");
        await run.WaitForOutputAsync("started Nap()", WorkFolder.CommandTimeout);
        var nap = await PidAsync(folder);

        await run.TerminateAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitsWith(130).Prints("cancelled Nap()");
        await AssertEndedAsync(nap);
        await AssertRecordedAsCancelledAsync(folder, result.RunId());
    }

    [Fact]
    public async Task Ctrl_c_in_a_terminal_which_interrupts_the_task_too_still_records_the_attempt_as_cancelled()
    {
        using var folder = WorkFolder.Create().WithWorkflow("sleeper.yml", Sleeper);
        // setsid makes loader lead its own process group, as a shell makes a foreground job; Ctrl-C signals the whole group.
        var run = folder.Start(["run", "Sleeper"], ["setsid", .. Interruptible]);
        await run.WaitForOutputAsync("started Nap()", WorkFolder.CommandTimeout);
        var nap = await PidAsync(folder);

        await run.InterruptGroupAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitsWith(130);
        await AssertEndedAsync(nap);
        await AssertRecordedAsCancelledAsync(folder, result.RunId());
    }

    private static async Task AssertRecordedAsCancelledAsync(WorkFolder folder, long runId)
    {
        var history = (await folder.RunAsync("history", runId.ToString(CultureInfo.InvariantCulture), "--output", "json")).ExitsWith(0).Json();
        Assert.Equal("cancelled", history.GetProperty("run").GetProperty("status").GetString());
        var attempt = Assert.Single(history.GetProperty("attempts").EnumerateArray());
        Assert.Equal("Nap()", attempt.GetProperty("task").GetString());
        Assert.Equal("cancelled", attempt.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, attempt.GetProperty("finished").ValueKind);
    }

    private static async Task<int> PidAsync(WorkFolder folder)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (File.Exists(folder.Path("nap.pid")) && int.TryParse(File.ReadAllText(folder.Path("nap.pid")), out var pid))
            {
                return pid;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the task never wrote its pid");
    }

    private static async Task AssertEndedAsync(int pid)
    {
        var waited = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the task's process {pid} is still running after the run was cancelled");
    }
}
