using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Planning;
using Loader.Running;
using Loader.State;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Running;

public sealed class RunnerTests : IAsyncLifetime
{
    private const string TwoDays = "2026-01-01-2026-01-03";

    /// <summary>Per day Extract -> Transform -> Load (a _SUCCESS folder), then a Report; each task logs a line to runs.txt.</summary>
    private const string Chain = """
        workflow: Chain
        parameters: {interval: interval}
        tasks:
          Extract:
            per_day: interval
            uses: shell
            with:
              command: echo "extract ${date}" >> "${config.data_dir}/runs.txt" && echo "${date}" > "${outputs.data}"
            outputs: {data: "${config.data_dir}/extract/${date}.csv"}
          Transform:
            per_day: interval
            requires: Extract
            uses: shell
            with:
              command: echo "transform ${date}" >> "${config.data_dir}/runs.txt" && cp "${tasks.Extract.outputs.data}" "${outputs.data}"
            outputs: {data: "${config.data_dir}/transform/${date}.csv"}
          Load:
            per_day: interval
            requires: Transform
            uses: shell
            with:
              command: echo "load ${date}" >> "${config.data_dir}/runs.txt" && cp "${tasks.Transform.outputs.data}" "${outputs.partition}/part-0.csv"
            outputs: {partition: "${config.data_dir}/warehouse/dt=${date}/"}
          Report:
            requires: Load
            uses: shell
            with:
              command: echo report >> "${config.data_dir}/runs.txt" && for d in ${tasks.Load.outputs.partition}; do cat "$d/part-0.csv"; done > "${outputs.report}"
            outputs: {report: "${config.data_dir}/report-${interval}.csv"}
        """;

    private readonly RunHarness _harness = new();

    private Sandbox Sandbox => _harness.Sandbox;

    public Task InitializeAsync()
    {
        Sandbox.WriteWorkflow("chain.yml", Chain);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static Dictionary<string, string> Days(string interval = TwoDays) => Args(("interval", interval));

    private static TaskOutcome OutcomeOf(RunResult result, string family) =>
        result.Outcomes.Single(o => o.Key.Family == family).Value.Outcome;

    private static string ReasonOf(RunResult result, string family) =>
        result.Outcomes.Single(o => o.Key.Family == family).Value.Reason;

    [Fact]
    public async Task Runs_tasks_in_dependency_order_and_writes_their_outputs()
    {
        var result = await _harness.RunAsync("Chain", Days());

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(7, result.Count(TaskOutcome.Succeeded));
        Assert.Equal(["2026-01-01", "2026-01-02"], _harness.Lines($"report-{TwoDays}.csv"));
        Assert.True(File.Exists(Path.Combine(Sandbox.Data, "warehouse", "dt=2026-01-02", "_SUCCESS")));
        var runs = _harness.Lines("runs.txt").ToList();
        Assert.Equal(7, runs.Count);
        foreach (var day in new[] { "2026-01-01", "2026-01-02" })
        {
            Assert.True(runs.IndexOf($"extract {day}") < runs.IndexOf($"transform {day}"));
            Assert.True(runs.IndexOf($"transform {day}") < runs.IndexOf($"load {day}"));
            Assert.True(runs.IndexOf($"load {day}") < runs.IndexOf("report"));
        }
    }

    [Fact]
    public async Task A_run_is_recorded_with_every_attempt()
    {
        var state = await _harness.OpenStateAsync();
        var plan = await _harness.PlanAsync("Chain", Days());

        var result = await _harness.Runner(state).RunAsync(plan, CancellationToken.None);

        var run = await state.GetRunAsync(result.RunId, CancellationToken.None);
        Assert.Equal(("Chain", RunStatus.Succeeded, "7 ran"), (run!.Workflow, run.Status, run.Summary));
        var attempts = await state.GetAttemptsAsync(result.RunId, CancellationToken.None);
        Assert.Equal(7, attempts.Count);
        Assert.All(attempts, a => Assert.Equal((AttemptStatus.Succeeded, 1), (a.Status, a.Attempt)));
        Assert.Equal(plan.Entries.Select(e => e.Task.Id.Key).Order(), attempts.Select(a => a.TaskKey).Order());
    }

    [Fact]
    public async Task Run_events_tell_the_story_of_the_run()
    {
        var events = new RecordingSink();

        var result = await _harness.RunAsync("Chain", Days("2026-01-01"), events);

        Assert.IsType<RunStarted>(events.Events[0]);
        Assert.Equal(result, Assert.IsType<RunFinished>(events.Events[^1]).Result);
        Assert.Equal(4, events.Of<TaskStarted>().Count);
        Assert.Equal(4, events.Of<TaskSucceeded>().Count);
        Assert.Empty(events.Of<TaskFailed>());
    }

    [Fact]
    public async Task A_failing_task_stops_only_what_depends_on_it()
    {
        Sandbox.WriteWorkflow("branches.yml", """
            workflow: Branches
            tasks:
              Bad:
                uses: shell
                with: {command: "echo broken >&2; exit 3"}
                outputs: {out: "${config.data_dir}/bad.txt"}
              AfterBad:
                requires: Bad
                uses: shell
                with: {command: "touch \"${outputs.out}\""}
                outputs: {out: "${config.data_dir}/after-bad.txt"}
              Good:
                uses: shell
                with: {command: "sleep 0.2; echo ok > \"${outputs.out}\""}
                outputs: {out: "${config.data_dir}/good.txt"}
              AfterGood:
                requires: Good
                uses: shell
                with: {command: "cp \"${tasks.Good.outputs.out}\" \"${outputs.out}\""}
                outputs: {out: "${config.data_dir}/after-good.txt"}
            """);

        var result = await _harness.RunAsync("Branches");

        Assert.Equal(ExitCodes.TaskFailed, result.ExitCode);
        Assert.Equal(TaskOutcome.Failed, OutcomeOf(result, "Bad"));
        Assert.Equal($"command exited with code 3; last output:{Environment.NewLine}broken", ReasonOf(result, "Bad"));
        Assert.Equal(TaskOutcome.UpstreamFailed, OutcomeOf(result, "AfterBad"));
        Assert.Equal("requires Bad(), which failed", ReasonOf(result, "AfterBad"));
        Assert.Equal(TaskOutcome.Succeeded, OutcomeOf(result, "Good"));
        Assert.Equal(TaskOutcome.Succeeded, OutcomeOf(result, "AfterGood"));
        Assert.Equal(["after-good.txt", "good.txt"], Directory.EnumerateFileSystemEntries(Sandbox.Data).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_attempt_keeps_its_log_and_records_its_error()
    {
        Sandbox.WriteWorkflow("bad.yml", "workflow: Bad\ntasks:\n  Bad: {uses: shell, with: {command: \"echo one; echo two >&2; exit 1\"}}\n");
        var state = await _harness.OpenStateAsync();

        var result = await _harness.Runner(state).RunAsync(await _harness.PlanAsync("Bad"), CancellationToken.None);

        var attempt = Assert.Single(await state.GetAttemptsAsync(result.RunId, CancellationToken.None));
        Assert.Equal(AttemptStatus.Failed, attempt.Status);
        Assert.StartsWith("command exited with code 1", attempt.Error);
        Assert.Equal(["one", "two"], (await File.ReadAllLinesAsync(attempt.LogPath!)).Order(StringComparer.Ordinal));
        Assert.Equal(RunStatus.Failed, (await state.GetRunAsync(result.RunId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_command_failing_twice_then_succeeding_records_three_attempts()
    {
        Sandbox.WriteWorkflow("flaky.yml", """
            workflow: Flaky
            tasks:
              Flaky:
                uses: shell
                retry: {attempts: 3, delay: 100ms, max_delay: 100ms}
                with:
                  command: |
                    n=$(cat "${config.data_dir}/count" 2>/dev/null || echo 0)
                    n=$((n+1))
                    echo $n > "${config.data_dir}/count"
                    [ $n -ge 3 ] && echo done > "${outputs.out}"
                outputs: {out: "${config.data_dir}/flaky.txt"}
            """);
        Directory.CreateDirectory(Sandbox.Data);
        var state = await _harness.OpenStateAsync();
        var events = new RecordingSink();

        var result = await _harness.Runner(state, events).RunAsync(await _harness.PlanAsync("Flaky"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("ran, succeeded on attempt 3", ReasonOf(result, "Flaky"));
        var attempts = await state.GetAttemptsAsync(result.RunId, CancellationToken.None);
        Assert.Equal(
            [(1, AttemptStatus.Failed), (2, AttemptStatus.Failed), (3, AttemptStatus.Succeeded)],
            attempts.Select(a => (a.Attempt, a.Status)));
        Assert.Equal([true, true], events.Of<TaskFailed>().Select(e => e.WillRetry));
        Assert.Equal(["done"], _harness.Lines("flaky.txt"));
    }

    [Fact]
    public async Task A_task_failing_every_attempt_fails_after_its_last_attempt()
    {
        Sandbox.WriteWorkflow("broken.yml", """
            workflow: Broken
            tasks:
              Broken: {uses: shell, retry: {attempts: 2, delay: 100ms}, with: {command: "exit 7"}}
            """);
        var state = await _harness.OpenStateAsync();
        var events = new RecordingSink();

        var result = await _harness.Runner(state, events).RunAsync(await _harness.PlanAsync("Broken"), CancellationToken.None);

        Assert.Equal(TaskOutcome.Failed, OutcomeOf(result, "Broken"));
        Assert.Equal(2, (await state.GetAttemptsAsync(result.RunId, CancellationToken.None)).Count);
        Assert.Equal([true, false], events.Of<TaskFailed>().Select(e => e.WillRetry));
    }

    [Fact]
    public async Task A_step_input_error_is_not_retried()
    {
        Sandbox.WriteWorkflow("missing.yml", """
            workflow: Missing
            tasks:
              Missing: {uses: shell, retry: {attempts: 3, delay: 100ms}, with: {command: /no/such/program, args: [x]}}
            """);
        var state = await _harness.OpenStateAsync();

        var result = await _harness.Runner(state).RunAsync(await _harness.PlanAsync("Missing"), CancellationToken.None);

        Assert.StartsWith("cannot start '/no/such/program'", ReasonOf(result, "Missing"));
        Assert.Single(await state.GetAttemptsAsync(result.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task A_timeout_fails_the_attempt()
    {
        Sandbox.WriteWorkflow("slow.yml", """
            workflow: Slow
            tasks:
              Slow: {uses: shell, timeout: 200ms, with: {command: "sleep 10"}, outputs: {out: "${config.data_dir}/slow.txt"}}
            """);
        var state = await _harness.OpenStateAsync();
        var started = DateTimeOffset.UtcNow;

        var result = await _harness.Runner(state).RunAsync(await _harness.PlanAsync("Slow"), CancellationToken.None);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(ExitCodes.TaskFailed, result.ExitCode);
        Assert.Equal("timed out after 200ms (attempt 1)", ReasonOf(result, "Slow"));
        var attempt = Assert.Single(await state.GetAttemptsAsync(result.RunId, CancellationToken.None));
        Assert.Equal((AttemptStatus.Failed, "timed out"), (attempt.Status, attempt.Error));
        Assert.False(File.Exists(Path.Combine(Sandbox.Data, "slow.txt")));
    }

    [Fact]
    public async Task Cancelling_records_the_running_attempt_as_cancelled_and_exits_130()
    {
        Sandbox.WriteWorkflow("sleepy.yml", """
            workflow: Sleepy
            tasks:
              Sleepy: {uses: shell, with: {command: "sleep 10"}, outputs: {out: "${config.data_dir}/sleepy.txt"}}
              After: {uses: shell, requires: Sleepy, with: {command: "true"}}
            """);
        using var cancellation = new CancellationTokenSource();
        var events = new RecordingSink(e =>
        {
            if (e is TaskStarted)
            {
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
            }
        });
        var state = await _harness.OpenStateAsync();
        var started = DateTimeOffset.UtcNow;

        var result = await _harness.Runner(state, events).RunAsync(await _harness.PlanAsync("Sleepy"), cancellation.Token);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal(TaskOutcome.Cancelled, OutcomeOf(result, "Sleepy"));
        Assert.Equal(TaskOutcome.Cancelled, OutcomeOf(result, "After"));
        var attempt = Assert.Single(await state.GetAttemptsAsync(result.RunId, CancellationToken.None));
        Assert.Equal((AttemptStatus.Cancelled, "cancelled"), (attempt.Status, attempt.Error));
        Assert.Equal(RunStatus.Cancelled, (await state.GetRunAsync(result.RunId, CancellationToken.None))!.Status);
        Assert.Single(events.Of<TaskCancelled>());
    }

    [Fact]
    public async Task Missing_external_data_runs_what_it_can_and_exits_20()
    {
        Sandbox.WriteWorkflow("feed.yml", """
            workflow: Feed
            tasks:
              Raw: {uses: external, outputs: {dump: "${config.data_dir}/raw.json"}}
              Clean: {uses: shell, requires: Raw, with: {command: "cp \"${tasks.Raw.outputs.dump}\" \"${outputs.out}\""}, outputs: {out: "${config.data_dir}/clean.json"}}
              Other: {uses: shell, with: {command: "echo ok > \"${outputs.out}\""}, outputs: {out: "${config.data_dir}/other.txt"}}
            """);
        var state = await _harness.OpenStateAsync();

        var result = await _harness.Runner(state).RunAsync(await _harness.PlanAsync("Feed"), CancellationToken.None);

        Assert.Equal(ExitCodes.MissingExternalData, result.ExitCode);
        Assert.Equal(TaskOutcome.MissingExternalData, OutcomeOf(result, "Raw"));
        Assert.Equal(TaskOutcome.UpstreamFailed, OutcomeOf(result, "Clean"));
        Assert.Equal(TaskOutcome.Succeeded, OutcomeOf(result, "Other"));
        Assert.Equal(RunStatus.Incomplete, (await state.GetRunAsync(result.RunId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_second_run_of_the_same_plan_after_completion_runs_nothing()
    {
        var plan = await _harness.PlanAsync("Chain", Days());
        await _harness.Runner(await _harness.OpenStateAsync()).RunAsync(plan, CancellationToken.None);
        var events = new RecordingSink();

        var again = await _harness.Runner(await _harness.OpenStateAsync(), events).RunAsync(plan, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(7, again.Count(TaskOutcome.CompletedElsewhere));
        Assert.Empty(events.Of<TaskStarted>());
        Assert.Equal(7, _harness.Lines("runs.txt").Length);
    }

    [Fact]
    public async Task Planning_again_after_completion_finds_everything_complete()
    {
        await _harness.RunAsync("Chain", Days());

        var again = await _harness.RunAsync("Chain", Days());

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(TaskOutcome.AlreadyComplete, Assert.Single(again.Outcomes).Value.Outcome);
        Assert.Equal(7, _harness.Lines("runs.txt").Length);
    }

    [Fact]
    public async Task A_forced_rerun_right_after_a_run_starts_at_once()
    {
        var options = _harness.Options() with { LeaseTtl = TimeSpan.FromSeconds(30) };
        await _harness.Runner(await _harness.OpenStateAsync(), options: options).RunAsync(await _harness.PlanAsync("Chain", Days()), CancellationToken.None);
        var forced = await _harness.PlanAsync("Chain", Days(), ForceSpec.Parse("Extract", downstream: true));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var started = DateTimeOffset.UtcNow;

        var again = await _harness.Runner(await _harness.OpenStateAsync(), options: options).RunAsync(forced, patience.Token);

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(7, again.Count(TaskOutcome.Succeeded));
        Assert.Equal(14, _harness.Lines("runs.txt").Length);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Overwriting_replaces_the_outputs_of_the_window()
    {
        await _harness.RunAsync("Chain", Days());
        File.WriteAllText(Path.Combine(Sandbox.Data, "extract", "2026-01-02.csv"), "stale\n");

        var again = await _harness.RunAsync("Chain", Days(), new RecordingSink());
        var forced = await _harness.Runner(await _harness.OpenStateAsync())
            .RunAsync(await _harness.PlanAsync("Chain", Days(), ForceSpec.Parse("Extract", downstream: true)), CancellationToken.None);

        Assert.Equal(TaskOutcome.AlreadyComplete, Assert.Single(again.Outcomes).Value.Outcome);
        Assert.Equal(7, forced.Count(TaskOutcome.Succeeded));
        Assert.Equal(["2026-01-02"], _harness.Lines(Path.Combine("extract", "2026-01-02.csv")));
    }

    [Fact]
    public async Task Two_runners_on_one_state_file_execute_every_task_exactly_once()
    {
        var plan = await _harness.PlanAsync("Chain", Days("2026-01-01-2026-01-06"));
        var alpha = _harness.Runner(await _harness.OpenStateAsync(), options: _harness.Options("alpha"));
        var beta = _harness.Runner(await _harness.OpenStateAsync(), options: _harness.Options("beta"));

        var results = await Task.WhenAll(
            Task.Run(() => alpha.RunAsync(plan, CancellationToken.None)),
            Task.Run(() => beta.RunAsync(plan, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(ExitCodes.Success, r.ExitCode));
        var runs = _harness.Lines("runs.txt");
        Assert.Equal(16, runs.Length);
        Assert.Equal(runs.Length, runs.Distinct().Count());
        Assert.Equal(16, results.Sum(r => r.Count(TaskOutcome.Succeeded)));
        Assert.All(plan.Entries, entry => Assert.Equal(
            [TaskOutcome.Succeeded, TaskOutcome.CompletedElsewhere],
            results.Select(r => r.Outcomes[entry.Task].Outcome).Order()));
    }
}
