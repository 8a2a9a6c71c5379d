using System.Text.Json;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

/// <summary>
/// The status of every instance, from outputs and the state store: complete instances stay in the picture after a
/// successful run, a failure is failed with its error, a running task names its runner.
/// </summary>
public sealed class StatusApiTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task After_a_successful_run_every_instance_is_complete_where_the_plan_shows_only_the_report()
    {
        var parameters = new { interval = "2026-04-01-2026-04-04" };
        await RunAsync("DailyPipeline", parameters);

        var status = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/status", new { parameters }, 200);
        var plan = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/plan", new { parameters }, 200);

        Assert.Single(plan.GetProperty("entries").EnumerateArray());
        Assert.Equal(10, status.GetProperty("instances").GetArrayLength());
        Assert.All(status.GetProperty("instances").EnumerateArray(), i => Assert.Equal("complete", i.GetProperty("state").GetString()));
        Assert.Equal(["Extract", "Transform", "Load", "Report"], status.GetProperty("families").EnumerateArray().Select(f => f.GetProperty("family").GetString()));
        var load = status.GetProperty("families").EnumerateArray().Single(f => f.GetProperty("family").GetString() == "Load");
        Assert.Equal(3, load.GetProperty("states").GetProperty("complete").GetInt32());
        Assert.Equal("2026-04-03", load.GetProperty("last").GetString());
    }

    [Fact]
    public async Task A_failed_day_is_failed_with_its_error_and_counted_first()
    {
        var parameters = new { days = "2026-01-01-2026-01-04" };
        await RunAsync("FlakyFlow", parameters);

        var status = await studio.Client.PostJsonAsync("/api/workflows/FlakyFlow/status", new { parameters }, 200);

        var days = status.GetProperty("instances").EnumerateArray().ToDictionary(i => i.GetProperty("date").GetString()!, i => i);
        Assert.Equal("failed", days["2026-01-02"].GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(days["2026-01-02"].GetProperty("reason").GetString()));
        Assert.Equal("failed", days["2026-01-02"].GetProperty("lastAttempt").GetProperty("status").GetString());
        Assert.Equal("complete", days["2026-01-01"].GetProperty("state").GetString());
        Assert.Equal("complete", days["2026-01-03"].GetProperty("state").GetString());
        Assert.Equal(["failed", "complete"], status.GetProperty("counts").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task Days_of_the_overwrite_window_and_days_never_run_are_told_apart()
    {
        var parameters = new { interval = "2026-05-01-2026-05-03" };
        await RunAsync("DailyPipeline", parameters);

        var status = await studio.Client.PostJsonAsync(
            "/api/workflows/DailyPipeline/status", new { parameters = new { interval = "2026-05-01-2026-05-04", overwrite_n_days = "2" } }, 200);

        var extract = status.GetProperty("instances").EnumerateArray()
            .Where(i => i.GetProperty("family").GetString() == "Extract")
            .ToDictionary(i => i.GetProperty("date").GetString()!, i => i.GetProperty("state").GetString());
        Assert.Equal("complete", extract["2026-05-01"]);
        Assert.Equal("overwrite-window", extract["2026-05-02"]);
        Assert.Equal("missing", extract["2026-05-03"]);
    }

    [Fact]
    public async Task A_running_task_is_running_with_the_runner_that_holds_it()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/SlowFlow/runs", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        try
        {
            var sleep = await WaitForStateAsync("SlowFlow", "running");

            Assert.Equal(runId, sleep.GetProperty("holder").GetProperty("runId").GetInt64());
            Assert.Equal(Environment.ProcessId, sleep.GetProperty("holder").GetProperty("pid").GetInt32());
        }
        finally
        {
            await studio.Client.PostJsonAsync($"/api/runs/{runId}/cancel", new { }, 202);
            await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        }
    }

    private async Task RunAsync(string workflow, object parameters)
    {
        var started = await studio.Client.PostJsonAsync($"/api/workflows/{workflow}/runs", new { parameters }, 202);
        await studio.Client.ReadEventsAsync(started.GetProperty("runId").GetInt64(), TimeSpan.FromMinutes(1));
    }

    private async Task<JsonElement> WaitForStateAsync(string workflow, string state)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await studio.Client.PostJsonAsync($"/api/workflows/{workflow}/status", new { }, 200);
            var instance = status.GetProperty("instances")[0];
            if (instance.GetProperty("state").GetString() == state)
            {
                return instance;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"never {state}: {instance}");
            await Task.Delay(100);
        }
    }
}
