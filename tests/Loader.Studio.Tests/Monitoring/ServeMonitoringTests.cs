using System.Net;
using System.Text.Json;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Monitoring;

/// <summary>Health and metrics of a real <c>loader serve</c> process, its scheduler turning and firing.</summary>
public sealed class ServeMonitoringTests : IAsyncLifetime
{
    private readonly StudioFolder _folder = new();
    private ServeProcess _serve = null!;
    private RecordingClient _client = null!;

    public async Task InitializeAsync()
    {
        File.Delete(Path.Combine(_folder.Root, "workflows", "broken.yml"));
        File.WriteAllText(Path.Combine(_folder.Root, "schedules.yml"), """
            schedules:
              nightly:
                workflow: SecretFlow
                cron: "0 2 * * *"
            """);
        _serve = await ServeProcess.StartAsync(_folder.Root, "--config", "schedules.yml");
        _client = new RecordingClient(_serve.Address, _serve.Token);
    }

    [Fact]
    public async Task The_service_is_live_and_ready_and_its_scrape_shows_a_fired_run_and_its_schedule()
    {
        var health = await WaitForHealthAsync();
        Assert.Equal("turning", health.GetProperty("scheduler").GetString());
        Assert.True(health.GetProperty("ready").GetBoolean());

        var runId = (await _client.PostJsonAsync("/api/schedules/nightly/run", new { }, 202)).GetProperty("runId").GetInt64();
        await _client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        await _client.PostJsonAsync("/api/schedules/nightly/pause", new { }, 200);
        var scrape = await ScrapeWhenAsync(s => s.Value("loader_schedule_last_success_timestamp_seconds", ("schedule", "nightly")) is not null);

        Assert.Equal(1, scrape.Value("loader_runs_total", ("workflow", "SecretFlow"), ("status", "succeeded")));
        Assert.Equal(1, scrape.Value("loader_task_attempts_total", ("family", "UseSecret"), ("status", "succeeded")));
        Assert.Equal(1, scrape.Value("loader_schedule_paused", ("schedule", "nightly")));
        Assert.Equal(0, scrape.Value("loader_schedule_lag_seconds", ("schedule", "nightly")));
        Assert.InRange(scrape.Value("loader_schedule_last_success_timestamp_seconds", ("schedule", "nightly"))!.Value,
            DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(1, scrape.Value("loader_scheduler_turning"));
    }

    private async Task<JsonElement> WaitForHealthAsync()
    {
        for (var i = 0; ; i++)
        {
            var (response, body) = await _client.SendAsync(HttpMethod.Get, "/healthz");
            if (response.StatusCode == HttpStatusCode.OK || i == 100)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"/healthz: {(int)response.StatusCode} {body}\n{_serve.Output}");
                return JsonDocument.Parse(body).RootElement;
            }
            await Task.Delay(100);
        }
    }

    private async Task<Scrape> ScrapeWhenAsync(Func<Scrape, bool> condition)
    {
        for (var i = 0; ; i++)
        {
            var scrape = await Scrape.ParseAsync((await _client.SendAsync(HttpMethod.Get, "/metrics")).Body);
            if (condition(scrape) || i == 50)
            {
                return scrape;
            }
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _serve.DisposeAsync();
        _folder.Dispose();
    }
}
