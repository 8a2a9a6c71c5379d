using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader history</c> lists runs; <c>loader history RUN_ID</c> shows a run's attempts.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly WorkFolder _folder = WorkFolder.Create().WithDailyPipeline();

    [Fact]
    public async Task History_lists_runs_newest_first_with_status_and_summary()
    {
        var first = (await _folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04")).ExitsWith(0).RunId();
        var second = (await _folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04")).ExitsWith(0).RunId();

        var runs = (await _folder.RunAsync("history", "--output", "json")).ExitsWith(0).Json().EnumerateArray().ToList();
        var text = await _folder.RunAsync("history");

        Assert.Equal([second, first], runs.Select(r => r.GetProperty("id").GetInt64()));
        Assert.All(runs, r => Assert.Equal("DailyPipeline", r.GetProperty("workflow").GetString()));
        Assert.All(runs, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));
        Assert.Equal("10 ran", runs[1].GetProperty("summary").GetString());
        Assert.Equal("1 complete", runs[0].GetProperty("summary").GetString());
        Assert.Contains("--interval 2026-01-01-2026-01-04", runs[0].GetProperty("parameters").GetString(), StringComparison.Ordinal);
        text.ExitsWith(0).Prints("succeeded").Prints("10 ran");
    }

    [Fact]
    public async Task History_of_a_run_lists_each_attempt()
    {
        var run = (await _folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-03")).ExitsWith(0).RunId();

        var attempts = await _folder.AttemptsAsync(run);
        var text = await _folder.RunAsync("history", run.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(7, attempts.Count);
        Assert.All(attempts, a => Assert.Equal((1, "succeeded"), (a.Attempt, a.Status)));
        Assert.Equal(
            ["Extract(date=2026-01-01)", "Extract(date=2026-01-02)", "Load(date=2026-01-01)", "Load(date=2026-01-02)",
             "Report(interval=2026-01-01-2026-01-03)", "Transform(date=2026-01-01)", "Transform(date=2026-01-02)"],
            attempts.Select(a => a.Task).Order(StringComparer.Ordinal));
        text.ExitsWith(0).Prints($"run {run}: DailyPipeline").Prints("Extract(date=2026-01-01)").Prints("succeeded");
    }

    [Fact]
    public async Task History_of_a_failed_attempt_keeps_its_error_and_its_log()
    {
        _folder.WithWorkflow("fails.yml", """
            workflow: Fails
            tasks:
              Breaks:
                uses: shell
                with:
                  command: echo "disk full" >&2; exit 4
                outputs:
                  out: out/never.txt
            """);
        var run = (await _folder.RunAsync("run", "Fails")).ExitsWith(30).RunId();

        var history = (await _folder.RunAsync("history", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "json"))
            .ExitsWith(0).Json();

        Assert.Equal("failed", history.GetProperty("run").GetProperty("status").GetString());
        var attempt = Assert.Single(history.GetProperty("attempts").EnumerateArray());
        Assert.Equal("failed", attempt.GetProperty("status").GetString());
        Assert.Contains("command exited with code 4", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("disk full", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        var log = attempt.GetProperty("log").GetString()!;
        Assert.Equal("disk full\n", File.ReadAllText(_folder.Path(log)));
    }

    [Fact]
    public async Task History_of_a_run_lists_every_retry_with_its_attempt_number()
    {
        _folder.WithWorkflow("flaky.yml", """
            workflow: Flaky
            tasks:
              Third:
                uses: shell
                with:
                  command: echo try >> tries.txt; [ $(wc -l < tries.txt) -ge 3 ] && echo ok > "${outputs.out}"
                outputs:
                  out: out/third.txt
                retry: {attempts: 3, delay: 100ms}
            """);
        var run = (await _folder.RunAsync("run", "Flaky")).ExitsWith(0).Prints("retry   Third() (attempt 2)").RunId();

        var attempts = await _folder.AttemptsAsync(run);

        Assert.Equal([(1, "failed"), (2, "failed"), (3, "succeeded")], attempts.Select(a => (a.Attempt, a.Status)));
        Assert.All(attempts, a => Assert.Equal("Third()", a.Task));
    }

    [Fact]
    public async Task History_refuses_a_limit_below_one()
    {
        var result = await _folder.RunAsync("history", "--limit", "0");

        result.ExitsWith(2).Says("--limit must be a whole number of at least 1, not '0'");
    }

    [Fact]
    public async Task History_of_an_unknown_run_says_how_to_find_one()
    {
        var result = await _folder.RunAsync("history", "999");

        result.ExitsWith(2).Says("error: no run 999 in the history: 'loader history' lists the runs");
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
