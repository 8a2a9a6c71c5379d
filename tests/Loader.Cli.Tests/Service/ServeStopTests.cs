using System.Diagnostics;
using Loader.State;
using Loader.Cli.Tests.Infrastructure;
using Loader.State.Sqlite;

namespace Loader.Cli.Tests.Service;

/// <summary>A real <c>loader serve</c> stopped by SIGTERM while a long run is in progress.</summary>
[Collection(SerialCollection.Name)]
public sealed class ServeStopTests
{
    // The step sleeps far longer than the test: only cancellation ends it.
    private const string Nap = """
        workflow: Nap
        parameters:
          at: string
        tasks:
          Sleep:
            uses: shell
            with:
              command: "sleep 120; touch '${outputs.done}'"
            outputs:
              done: "data/nap-${at}.txt"
        """;

    private const string Schedule = """

        service:
          grace: 4s
        schedules:
          napping:
            workflow: Nap
            cron: "*/2 * * * * *"
            overlap: skip
            parameters:
              at: "${fire:yyyyMMddHHmmss}"
        """;

    [Fact]
    public async Task Sigterm_gives_a_running_run_the_grace_period_then_cancels_it_and_records_run_and_fire_as_cancelled()
    {
        using var folder = WorkFolder.Create().WithWorkflow("nap.yml", Nap).WithFolder("data");
        File.AppendAllText(folder.Path("config/default.yml"), Schedule);
        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await serve.WaitForOutputAsync("runs as run", TimeSpan.FromSeconds(60));
        var steps = await WaitForStepsAsync(serve.Id);

        await serve.TerminateAsync();
        var stopping = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(steps.All(ProcessTable.IsAlive), $"the run was cancelled before its grace period:\n{serve.Stdout}");
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(3.5), $"stopped after {stopping.Elapsed}, within the 4s grace:\n{stopped}");
        Assert.DoesNotContain(steps, ProcessTable.IsAlive);
        var history = (await folder.RunAsync("history", "--output", "json")).ExitsWith(0).Json();
        var run = Assert.Single(history.EnumerateArray());
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        await using var state = new SqliteStateStore(folder.Path(".loader/state.db"));
        var fires = await state.ListFiresAsync("napping", 100, CancellationToken.None);
        var ran = Assert.Single(fires, f => f.RunId is not null);
        Assert.Equal(FireStatus.Cancelled, ran.Status);
        Assert.All(fires.Where(f => f.RunId is null), f => Assert.Equal(FireStatus.Skipped, f.Status));
    }

    private static async Task<IReadOnlyList<int>> WaitForStepsAsync(int serve)
    {
        var waited = Stopwatch.StartNew();
        while (ProcessTable.StepsOf(serve) is var steps && steps.Count == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the run's step never started");
            await Task.Delay(100);
        }
        return ProcessTable.StepsOf(serve);
    }
}
