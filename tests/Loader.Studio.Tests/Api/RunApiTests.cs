using System.Net;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

public sealed class RunApiTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task A_started_run_completes_live_and_stays_in_history()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/runs", new { parameters = new { interval = "2026-01-01-2026-01-04" } }, 202);
        var runId = started.GetProperty("runId").GetInt64();

        var events = await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(2));

        Assert.Equal("run-started", events[0].GetProperty("type").GetString());
        Assert.Equal(10, events.Count(e => e.GetProperty("type").GetString() == "task-succeeded"));
        Assert.Equal("run-finished", events[^1].GetProperty("type").GetString());
        var run = await studio.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var attempts = run.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(10, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.GetProperty("durationMs").GetDouble() >= 0));
        var history = await studio.Client.GetJsonAsync("/api/runs?workflow=DailyPipeline");
        Assert.Contains(history.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetInt64() == runId);
        var plan = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/plan", new { parameters = new { interval = "2026-01-01-2026-01-04" } }, 200);
        Assert.All(plan.GetProperty("entries").EnumerateArray(), e => Assert.Equal("complete", e.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task A_run_forces_what_loader_run_forces_and_the_plan_says_why()
    {
        var parameters = new { interval = "2026-04-01-2026-04-04" };
        var first = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/runs", new { parameters }, 202);
        await studio.Client.ReadEventsAsync(first.GetProperty("runId").GetInt64(), TimeSpan.FromMinutes(2));

        var forced = await studio.Client.PostJsonAsync("/api/workflows/DailyPipeline/runs", new { parameters, force = new[] { "Extract(date=2026-04-02)" } }, 202);
        var runId = forced.GetProperty("runId").GetInt64();
        await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(2));
        var plan = await studio.Client.PostJsonAsync(
            "/api/workflows/DailyPipeline/plan", new { parameters, forceDownstream = new[] { "Transform(date=2026-04-02-2026-04-04)" } }, 200);
        var (refused, message) = await studio.Client.SendAsync(
            HttpMethod.Post, "/api/workflows/DailyPipeline/runs", new { parameters, force = new[] { "Extract(date=2026-05-01)" } });

        var attempts = (await studio.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts").EnumerateArray();
        Assert.Equal(["Extract(date=2026-04-02)"], attempts.Select(a => a.GetProperty("task").GetString()));
        var reruns = plan.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("decision").GetString() == "overwrite")
            .ToDictionary(e => e.GetProperty("task").GetString()!, e => e.GetProperty("reason").GetString());
        Assert.Equal(["Load(date=2026-04-02)", "Load(date=2026-04-03)", "Report(interval=2026-04-01-2026-04-04)", "Transform(date=2026-04-02)", "Transform(date=2026-04-03)"],
            reruns.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("forced with --force-downstream Transform(date=2026-04-02-2026-04-04)", reruns["Transform(date=2026-04-03)"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith(
            "--force 'Extract(date=2026-05-01)': no such instance is part of this run",
            System.Text.Json.JsonDocument.Parse(message).RootElement.GetProperty("errors")[0].GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_and_the_next_plan_shows_the_failure()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/FlakyFlow/runs", new { parameters = new { days = "2026-02-01-2026-02-03" } }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        var events = await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        Assert.Equal(2, events.Count(e => e.GetProperty("type").GetString() == "task-succeeded"));

        var failing = await studio.Client.PostJsonAsync("/api/workflows/FlakyFlow/runs", new { parameters = new { days = "2026-01-02-2026-01-03" } }, 202);
        var failed = failing.GetProperty("runId").GetInt64();
        Assert.Contains(await studio.Client.ReadEventsAsync(failed, TimeSpan.FromMinutes(1)), e => e.GetProperty("type").GetString() == "task-failed");

        var run = await studio.Client.GetJsonAsync($"/api/runs/{failed}");
        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("attempts")[0].GetProperty("error").GetString()));
        var plan = await studio.Client.PostJsonAsync("/api/workflows/FlakyFlow/plan", new { parameters = new { days = "2026-01-02-2026-01-03" } }, 200);
        var entry = plan.GetProperty("entries")[0];
        Assert.Equal("run", entry.GetProperty("decision").GetString());
        Assert.Equal("failed", entry.GetProperty("lastAttempt").GetProperty("status").GetString());
        Assert.Equal(failed, entry.GetProperty("lastAttempt").GetProperty("runId").GetInt64());
    }

    [Fact]
    public async Task An_attempt_log_is_served_masked()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/SecretFlow/runs", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));

        var attempt = (await studio.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts")[0];
        var (response, log) = await studio.Client.SendAsync(HttpMethod.Get, attempt.GetProperty("log").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("password *** key ***", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_bad_parameters_is_refused_with_the_messages()
    {
        var (response, body) = await studio.Client.SendAsync(HttpMethod.Post, "/api/workflows/DailyPipeline/runs", new { parameters = new { intervals = "2026-01" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown parameter --intervals", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_run_can_be_cancelled()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/SlowFlow/runs", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        var events = studio.Client.ReadEventsAsync(runId, TimeSpan.FromSeconds(45));

        await WaitForAsync(async () => (await studio.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts").GetArrayLength() > 0);
        await studio.Client.PostJsonAsync($"/api/runs/{runId}/cancel", new { }, 202);

        Assert.Equal("run-finished", (await events)[^1].GetProperty("type").GetString());
        var run = await studio.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("cancelled", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("cancelled", run.GetProperty("attempts")[0].GetProperty("status").GetString());
        var (again, _) = await studio.Client.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/cancel", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Cancelling_a_run_that_is_not_live_is_a_404()
    {
        var (response, _) = await studio.Client.SendAsync(HttpMethod.Post, "/api/runs/987654/cancel", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
