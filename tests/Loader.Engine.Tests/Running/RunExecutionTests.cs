using System.Diagnostics;
using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Running;
using Loader.Steps;

namespace Loader.Engine.Tests.Running;

/// <summary>
/// Measures the process's CPU time, so it runs alone, after the tests that run in parallel (and the project turns
/// tiered compilation off, whose background recompiling would otherwise be measured too).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RunExecutionTests : IAsyncLifetime
{
    private readonly RunHarness _harness = new();

    /// <summary>A step that, once cancelled, takes a second to wind down (closing a remote transfer, say).</summary>
    private sealed class SlowToStopStep : IStep
    {
        public StepDescriptor Descriptor { get; } = new("slow-stop", "Waits until cancelled, then takes a second to stop.", []);

        public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                throw;
            }
        }
    }

    public Task InitializeAsync()
    {
        _harness.Sandbox.Steps.Add(new SlowToStopStep());
        _harness.Sandbox.WriteWorkflow("stop.yml", "workflow: Stop\ntasks:\n  Stop: {uses: slow-stop}\n");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_cancelled_run_waits_for_its_steps_to_stop_without_spinning()
    {
        using var cancellation = new CancellationTokenSource();
        var cpuAtCancel = TimeSpan.Zero;
        var events = new RecordingSink(e =>
        {
            if (e is TaskStarted)
            {
                cpuAtCancel = Process.GetCurrentProcess().TotalProcessorTime;
                cancellation.Cancel();
            }
        });
        var plan = await _harness.PlanAsync("Stop");

        var result = await _harness.Runner(await _harness.OpenStateAsync(), events).RunAsync(plan, cancellation.Token);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtCancel;
        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.True(cpu < TimeSpan.FromMilliseconds(500), $"the run used {cpu.TotalMilliseconds:0} ms of CPU while its step took a second to stop");
    }
}
