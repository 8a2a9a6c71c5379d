using Loader.Engine.Tests.TestSupport;
using Loader.Running;
using Loader.Steps;

namespace Loader.Engine.Tests.Running;

/// <summary>A step's clean-up after its outputs are committed: it sees them in place, and its failure does not undo the task.</summary>
public sealed class AfterCommitTests : IAsyncDisposable
{
    private readonly RunHarness _harness = new();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Clean_up_runs_once_the_marker_is_in_place()
    {
        var step = new CleaningStep(fails: false);
        var result = await RunAsync(step);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal([true], step.MarkerSeenByCleanUp);
    }

    [Fact]
    public async Task A_failing_clean_up_is_logged_and_the_task_stays_done()
    {
        var result = await RunAsync(new CleaningStep(fails: true));

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(File.Exists(_harness.Sandbox.PathOf("data/clean.done")));
        var log = Assert.Single(Directory.GetFiles(_harness.Sandbox.PathOf("logs"), "*.log", SearchOption.AllDirectories));
        Assert.Contains("after the outputs were committed: checkpoint store unreachable", File.ReadAllText(log));
    }

    private async Task<RunResult> RunAsync(CleaningStep step)
    {
        _harness.Sandbox.Steps.Add(step);
        _harness.Sandbox.WriteWorkflow("w.yml", """
            workflow: W
            tasks:
              Clean:
                uses: cleaning
                outputs: {done: {marker: "${config.data_dir}/clean.done"}}
            """);
        return await _harness.RunAsync("W");
    }

    private sealed class CleaningStep(bool fails) : IStep
    {
        public List<bool> MarkerSeenByCleanUp { get; } = [];

        public StepDescriptor Descriptor { get; } = new("cleaning", "Cleans up after its commit.", []);

        public Task RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            var marker = context.Task.Outputs.Single().Location;
            context.AfterCommit.Add(_ =>
            {
                MarkerSeenByCleanUp.Add(File.Exists(marker));
                return fails ? throw new InvalidOperationException("checkpoint store unreachable") : Task.CompletedTask;
            });
            return Task.CompletedTask;
        }
    }
}
