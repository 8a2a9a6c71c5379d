using System.Diagnostics;
using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Running;
using Loader.State;
using Loader.Steps;

namespace Loader.Engine.Tests.Running;

/// <summary>A step saying its data is not there yet: the task waits for external data, it does not fail.</summary>
public sealed class DataNotReadyTests : IAsyncLifetime
{
    private readonly RunHarness _harness = new();

    /// <summary>A step whose data never arrives; counts its runs.</summary>
    private sealed class NotThereYetStep : IStep
    {
        private int _runs;

        public int Runs => _runs;

        public StepDescriptor Descriptor { get; } = new("not-there-yet", "Says its input is not there yet.", []);

        public Task RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            throw new DataNotReadyException("not there yet: ./Students/CA_students_20260120.zip on sftp.example.org");
        }
    }

    private readonly NotThereYetStep _step = new();

    public Task InitializeAsync()
    {
        _harness.Sandbox.Steps.Add(_step);
        _harness.Sandbox.WriteWorkflow("wait.yml", """
            workflow: Wait
            tasks:
              Download:
                uses: not-there-yet
                retry: {attempts: 3, delay: 30s}
                outputs: {zip: "${config.data_dir}/dump.zip"}
              Extract:
                requires: Download
                uses: shell
                with: {command: "cp '${tasks.Download.outputs.zip}' '${outputs.csv}'"}
                outputs: {csv: "${config.data_dir}/dump.csv"}
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Data_not_ready_ends_the_run_as_missing_external_data_without_retrying()
    {
        var state = await _harness.OpenStateAsync();
        var events = new RecordingSink();
        var clock = Stopwatch.StartNew();

        var result = await _harness.Runner(state, events).RunAsync(await _harness.PlanAsync("Wait"), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the run took {clock.Elapsed.TotalSeconds:F1}s: the 30s retry delay was waited");
        Assert.Equal(ExitCodes.MissingExternalData, result.ExitCode);
        var (outcome, reason) = result.Outcomes.Single(o => o.Key.Family == "Download").Value;
        Assert.Equal(TaskOutcome.MissingExternalData, outcome);
        Assert.Equal("not there yet: ./Students/CA_students_20260120.zip on sftp.example.org", reason);
        Assert.Equal(1, _step.Runs);
        Assert.Equal(TaskOutcome.UpstreamFailed, result.Outcomes.Single(o => o.Key.Family == "Extract").Value.Outcome);
        Assert.DoesNotContain(events.Of<TaskStarted>(), e => e.Task.Family == "Extract");
        Assert.Equal([(false, true)], events.Of<TaskFailed>().Select(e => (e.WillRetry, e.DataMissing)));
        Assert.Equal("requires Download(), which is waiting for external data",
            result.Outcomes.Single(o => o.Key.Family == "Extract").Value.Reason);
        var attempt = Assert.Single(await state.GetAttemptsAsync(result.RunId, CancellationToken.None));
        Assert.Equal(reason, attempt.Error);
        Assert.Equal(RunStatus.Incomplete, (await state.GetRunAsync(result.RunId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Summary_lists_the_task_as_waiting_for_external_data_with_its_reason()
    {
        var result = await _harness.RunAsync("Wait");

        var summary = ExecutionSummary.Render(result);

        Assert.Contains("* 1 are waiting for external data:", summary);
        Assert.Contains("    - Download(): not there yet: ./Students/CA_students_20260120.zip on sftp.example.org", summary);
        Assert.Contains("* 1 were not run because something they require failed or is missing:", summary);
        Assert.DoesNotContain("failed:", summary);
        Assert.Contains("because external data is missing", summary);
    }

    [Fact]
    public void Data_not_ready_is_a_step_failure_that_no_retry_can_cure()
    {
        StepFailedException error = new DataNotReadyException("not there yet");

        Assert.False(error.Retryable);
        Assert.False(new RetryPipelines(TimeProvider.System, CancellationToken.None).IsRetryable(error));
    }
}
