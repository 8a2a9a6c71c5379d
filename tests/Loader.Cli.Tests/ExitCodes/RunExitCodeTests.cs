using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.ExitCodes;

/// <summary>The exit code of <c>loader run</c> says how the run ended, so that a scheduler can tell failures apart.</summary>
public sealed class RunExitCodeTests
{
    private const string Failing = """
        workflow: Failing
        tasks:
          Breaks:
            uses: shell
            with:
              command: echo "about to break"; exit 3
            outputs:
              out: out/breaks.txt
          After:
            uses: shell
            requires: [Breaks]
            with:
              command: echo after > "${outputs.out}"
            outputs:
              out: out/after.txt
        """;

    private const string NeedsData = """
        workflow: NeedsData
        tasks:
          Upstream:
            uses: external
            outputs:
              data: incoming/data.csv
          Consume:
            uses: shell
            requires: [Upstream]
            with:
              command: cp "${tasks.Upstream.outputs.data}" "${outputs.out}"
            outputs:
              out: out/consumed.csv
        """;

    [Fact]
    public async Task A_failing_shell_task_exits_30_and_the_summary_names_it()
    {
        using var folder = WorkFolder.Create().WithWorkflow("failing.yml", Failing);

        var result = await folder.RunAsync("run", "Failing");

        result.ExitsWith(30)
            .Prints("* 1 failed:\n    - Breaks(): command exited with code 3; last output: ...")
            .Prints("This progress looks :( because there were failed tasks");
        Assert.False(File.Exists(folder.Path("out/breaks.txt")));
    }

    [Fact]
    public async Task A_task_over_its_timeout_fails_with_exit_30_and_its_process_is_stopped()
    {
        using var folder = WorkFolder.Create().WithWorkflow("slowpoke.yml", """
            workflow: Slowpoke
            tasks:
              Nap:
                uses: shell
                timeout: 1s
                with:
                  command: echo $$ > nap.pid; exec sleep 120
                outputs:
                  out: out/nap.txt
            """);

        var result = await folder.RunAsync("run", "Slowpoke");

        result.ExitsWith(30).Prints("- Nap(): timed out after 1s (attempt 1)");
        Assert.True(result.Took < TimeSpan.FromSeconds(60), $"the run waited for the task instead of timing it out.\n{result}");
        var pid = File.ReadAllText(folder.Path("nap.pid")).Trim();
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the timed-out task's process {pid} still runs");
    }

    [Fact]
    public async Task A_task_whose_requirement_failed_is_reported_as_not_run()
    {
        using var folder = WorkFolder.Create().WithWorkflow("failing.yml", Failing);

        var result = await folder.RunAsync("run", "Failing", "--output", "json");

        var json = result.ExitsWith(30).Json();
        var outcomes = json.GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("task").GetString()!, t => t.GetProperty("outcome").GetString());
        Assert.Equal("failed", outcomes["Breaks()"]);
        Assert.Equal("upstream_failed", outcomes["After()"]);
        var attempts = await folder.AttemptsAsync(result.RunId());
        Assert.Equal(["Breaks()"], attempts.Select(a => a.Task));
        Assert.False(File.Exists(folder.Path("out/after.txt")));

        var text = await folder.RunAsync("run", "Failing");
        text.ExitsWith(30)
            .Prints("skipped After(): requires Breaks(), which failed")
            .Prints("* 1 were not run because something they require failed or is missing:\n    - 1 After()");
    }

    [Fact]
    public async Task An_external_task_whose_data_is_missing_exits_20_naming_the_data()
    {
        using var folder = WorkFolder.Create().WithWorkflow("needs-data.yml", NeedsData);

        var result = await folder.RunAsync("run", "NeedsData");

        result.ExitsWith(20)
            .Prints("* 1 are waiting for external data:\n    - Upstream(): waiting for external data: incoming/data.csv")
            .Prints("This progress looks :| because external data is missing");
        Assert.False(Directory.Exists(folder.Path("out")));
    }

    [Fact]
    public async Task A_run_exits_0_once_the_external_data_arrives_and_again_when_all_is_complete()
    {
        using var folder = WorkFolder.Create().WithWorkflow("needs-data.yml", NeedsData);
        (await folder.RunAsync("run", "NeedsData")).ExitsWith(20);
        folder.WithFile("incoming/data.csv", "day,events\n2026-01-01,7\n");

        var ran = await folder.RunAsync("run", "NeedsData");
        var again = await folder.RunAsync("run", "NeedsData");

        ran.ExitsWith(0).Prints("* 1 ran successfully:\n    - 1 Consume()");
        Assert.Equal("day,events\n2026-01-01,7\n", File.ReadAllText(folder.Path("out/consumed.csv")));
        again.ExitsWith(0)
            .Prints("* 1 were already complete:\n    - 1 Consume()")
            .Prints("This progress looks :) because everything requested is complete");
        Assert.DoesNotContain("started", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_pipeline_runs_to_completion_and_exits_0()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-04");

        result.ExitsWith(0).Prints("* 10 ran successfully:").Prints("- 3 Extract(date=2026-01-01...2026-01-03)");
        Assert.Equal(
            "day,events\n2026-01-01,118\n2026-01-02,129\n2026-01-03,140\n",
            File.ReadAllText(folder.Path("data/reports/daily-totals-2026-01-01-2026-01-04.csv")));
        Assert.True(File.Exists(folder.Path("data/warehouse/daily_totals/dt=2026-01-02/_SUCCESS")));
    }
}
