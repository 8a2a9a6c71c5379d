using System.Net;
using Loader.Scheduling;
using Loader.Studio.Monitoring;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Monitoring;

public sealed class MetricsTests
{
    private static readonly DateTimeOffset LastSuccess = new(2026, 12, 6, 1, 0, 42, TimeSpan.Zero);

    [Fact]
    public async Task The_scrape_counts_runs_and_attempts_and_shows_each_schedule()
    {
        var start = DateTimeOffset.UtcNow;
        var lastFire = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(-3);
        var due = lastFire.AddMinutes(1);
        var schedules = new InMemorySchedules(
            new ScheduleView("nightly", "DailyPipeline", "* * * * *", "Europe/Paris", false, start.AddMinutes(1), new FireView(lastFire, "succeeded", 1, LastSuccess, null), LastSuccess),
            new ScheduleView("weekly", "FlakyFlow", "0 3 * * 1", "UTC", true, null, null, null));
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, null, schedules);
        await server.StartAsync(CancellationToken.None);
        using var client = new RecordingClient(server.Address, server.Token);

        var succeeded = await RunAsync(client, "DailyPipeline", new { interval = "2026-01-01-2026-01-02" });
        var failed = await RunAsync(client, "FlakyFlow", new { days = "2026-01-02" });
        var (response, text) = await client.SendAsync(HttpMethod.Get, "/metrics");
        var scraped = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = await Scrape.ParseAsync(text);
        Assert.Equal("counter", scrape.TypeOf("loader_runs"));
        Assert.Equal("counter", scrape.TypeOf("loader_task_attempts"));
        Assert.Equal("histogram", scrape.TypeOf("loader_task_attempt_duration_seconds"));
        Assert.Equal(1, scrape.Value("loader_runs_total", ("workflow", "DailyPipeline"), ("status", "succeeded")));
        Assert.Equal(1, scrape.Value("loader_runs_total", ("workflow", "FlakyFlow"), ("status", "failed")));
        var attempts = (await AttemptsAsync(client, succeeded)).Concat(await AttemptsAsync(client, failed)).ToList();
        Assert.Contains(attempts, a => a.Status == "failed");
        foreach (var group in attempts.GroupBy(a => (a.Family, a.Status)))
        {
            Assert.Equal(group.Count(), scrape.Value("loader_task_attempts_total", ("family", group.Key.Family), ("status", group.Key.Status)));
        }
        foreach (var family in attempts.GroupBy(a => a.Family))
        {
            Assert.Equal(family.Count(), scrape.Value("loader_task_attempt_duration_seconds_count", ("family", family.Key)));
            Assert.Equal(family.Count(), scrape.Value("loader_task_attempt_duration_seconds_bucket", ("family", family.Key), ("le", "+Inf")));
            Assert.InRange(scrape.Value("loader_task_attempt_duration_seconds_sum", ("family", family.Key))!.Value, 0, 60);
        }

        Assert.InRange(scrape.Value("loader_schedule_lag_seconds", ("schedule", "nightly"))!.Value, (start - due).TotalSeconds, (scraped - due).TotalSeconds);
        Assert.Equal(0, scrape.Value("loader_schedule_lag_seconds", ("schedule", "weekly")));
        Assert.Equal(0, scrape.Value("loader_schedule_paused", ("schedule", "nightly")));
        Assert.Equal(1, scrape.Value("loader_schedule_paused", ("schedule", "weekly")));
        Assert.Equal(LastSuccess.ToUnixTimeSeconds(), scrape.Value("loader_schedule_last_success_timestamp_seconds", ("schedule", "nightly")));
        Assert.Null(scrape.Value("loader_schedule_last_success_timestamp_seconds", ("schedule", "weekly")));
        Assert.Equal(1, scrape.Value("loader_scheduler_turning"));
    }

    [Fact]
    public async Task Each_Studio_has_its_own_figures_and_none_of_schedules_without_a_scheduler()
    {
        using var busyFolder = new StudioFolder();
        await using var busy = StudioFixture.Start(busyFolder, null);
        await busy.StartAsync(CancellationToken.None);
        using var busyClient = new RecordingClient(busy.Address, busy.Token);
        await RunAsync(busyClient, "SecretFlow", new { });
        using var idleFolder = new StudioFolder();
        await using var idle = StudioFixture.Start(idleFolder, null);
        await idle.StartAsync(CancellationToken.None);
        using var idleClient = new RecordingClient(idle.Address, idle.Token);

        var busyScrape = await Scrape.ParseAsync((await busyClient.SendAsync(HttpMethod.Get, "/metrics")).Body);
        var idleScrape = await Scrape.ParseAsync((await idleClient.SendAsync(HttpMethod.Get, "/metrics")).Body);

        Assert.Equal(1, busyScrape.Value("loader_runs_total", ("workflow", "SecretFlow"), ("status", "succeeded")));
        Assert.Null(idleScrape.Value("loader_runs_total", ("workflow", "SecretFlow"), ("status", "succeeded")));
        Assert.Null(idleScrape.TypeOf("loader_schedule_lag_seconds"));
        Assert.Null(idleScrape.TypeOf("loader_scheduler_turning"));
    }

    [Fact]
    public async Task A_schedule_that_leaves_configuration_leaves_the_scrape()
    {
        var schedules = new InMemorySchedules(new ScheduleView("hourly", "SecretFlow", "0 * * * *", "UTC", false, null, null, null));
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, null, schedules);
        await server.StartAsync(CancellationToken.None);
        using var client = new RecordingClient(server.Address, server.Token);
        Assert.Equal(0, (await Scrape.ParseAsync((await client.SendAsync(HttpMethod.Get, "/metrics")).Body)).Value("loader_schedule_paused", ("schedule", "hourly")));

        schedules.Remove("hourly");
        var scrape = await Scrape.ParseAsync((await client.SendAsync(HttpMethod.Get, "/metrics")).Body);

        Assert.Null(scrape.Value("loader_schedule_paused", ("schedule", "hourly")));
        Assert.Null(scrape.Value("loader_schedule_lag_seconds", ("schedule", "hourly")));
    }

    [Fact]
    public void Lag_is_how_long_the_due_fire_has_waited()
    {
        var now = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        ScheduleView Nightly(FireView? last, bool paused = false) => new("s", "W", "0 2 * * *", "Europe/Paris", paused, now.AddHours(22), last, null);
        var lastNight = new FireView(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero), "succeeded", 7, null, null);
        var tonight = new FireView(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), "running", 8, null, null);
        var queued = new FireView(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), "queued", null, null, "the previous run is still running");

        // 02:00 in Paris is 01:00 UTC: last night's fire leaves tonight's period, two hours past, unrecorded.
        Assert.Equal(TimeSpan.FromHours(2), ScheduleMetrics.Lag(Nightly(lastNight), now));
        Assert.Equal(TimeSpan.Zero, ScheduleMetrics.Lag(Nightly(tonight), now));
        Assert.Equal(TimeSpan.FromHours(2), ScheduleMetrics.Lag(Nightly(queued), now));
        Assert.Equal(TimeSpan.Zero, ScheduleMetrics.Lag(Nightly(lastNight, paused: true), now));
        Assert.Equal(TimeSpan.Zero, ScheduleMetrics.Lag(Nightly(null), now));
        Assert.Equal(TimeSpan.Zero, ScheduleMetrics.Lag(Nightly(lastNight), new DateTimeOffset(2026, 12, 7, 0, 59, 0, TimeSpan.Zero)));
    }

    private static async Task<long> RunAsync(RecordingClient client, string workflow, object parameters)
    {
        var runId = (await client.PostJsonAsync($"/api/workflows/{workflow}/runs", new { parameters }, 202)).GetProperty("runId").GetInt64();
        await client.ReadEventsAsync(runId, TimeSpan.FromMinutes(2));
        return runId;
    }

    private static async Task<IEnumerable<(string Family, string Status)>> AttemptsAsync(RecordingClient client, long runId) =>
        (await client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts").EnumerateArray()
            .Select(a => (a.GetProperty("family").GetString()!, a.GetProperty("status").GetString()!)).ToList();
}
