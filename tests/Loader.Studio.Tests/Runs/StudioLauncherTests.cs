using Loader.Running;
using Loader.Studio.Tests.Infrastructure;
using Loader.Workflows;

namespace Loader.Studio.Tests.Runs;

public sealed class StudioLauncherTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task A_launched_run_shows_live_in_the_Studio_and_completes_with_its_result()
    {
        var launched = await studio.Server.Launcher.StartAsync("DailyPipeline", new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-02" }, CancellationToken.None);

        var events = await studio.Client.ReadEventsAsync(launched.RunId, TimeSpan.FromMinutes(2));
        var result = await launched.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("run-started", events[0].GetProperty("type").GetString());
        Assert.Equal("run-finished", events[^1].GetProperty("type").GetString());
        Assert.Equal(launched.RunId, result.RunId);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(result.Outcomes.Count, result.Count(TaskOutcome.Succeeded));
        var run = await studio.Client.GetJsonAsync($"/api/runs/{launched.RunId}");
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(result.Outcomes.Count, run.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task A_launched_run_can_be_cancelled_from_the_Studio()
    {
        var launched = await studio.Server.Launcher.StartAsync("SlowFlow", new Dictionary<string, string>(), CancellationToken.None);
        for (var i = 0; i < 200 && (await studio.Client.GetJsonAsync($"/api/runs/{launched.RunId}")).GetProperty("attempts").GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.True((await studio.Client.GetJsonAsync($"/api/runs/{launched.RunId}")).GetProperty("run").GetProperty("live").GetBoolean());

        await studio.Client.PostJsonAsync($"/api/runs/{launched.RunId}/cancel", new { }, 202);
        var result = await launched.Completion.WaitAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        var run = await studio.Client.GetJsonAsync($"/api/runs/{launched.RunId}");
        Assert.Equal("cancelled", run.GetProperty("run").GetProperty("status").GetString());
        Assert.False(run.GetProperty("run").GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task A_failing_run_completes_with_a_failed_result()
    {
        var launched = await studio.Server.Launcher.StartAsync("FlakyFlow", new Dictionary<string, string> { ["days"] = "2026-01-02" }, CancellationToken.None);

        var result = await launched.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ExitCodes.TaskFailed, result.ExitCode);
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
    }

    [Fact]
    public async Task A_request_that_does_not_bind_throws_with_the_message()
    {
        var unknownParameter = await Assert.ThrowsAsync<WorkflowException>(() =>
            studio.Server.Launcher.StartAsync("DailyPipeline", new Dictionary<string, string> { ["intervals"] = "2026-01" }, CancellationToken.None));
        var unknownWorkflow = await Assert.ThrowsAsync<WorkflowException>(() =>
            studio.Server.Launcher.StartAsync("NoSuchFlow", new Dictionary<string, string>(), CancellationToken.None));

        Assert.Contains("unknown parameter --intervals", unknownParameter.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchFlow", unknownWorkflow.Message, StringComparison.Ordinal);
        var history = await studio.Client.GetJsonAsync("/api/runs?workflow=NoSuchFlow");
        Assert.Equal(0, history.GetProperty("runs").GetArrayLength());
    }
}
