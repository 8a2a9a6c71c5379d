using System.Net;
using Loader.Scheduling;
using Loader.Studio.Hosting;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

public sealed class ScheduleApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset NextFire = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    private readonly StudioFolder _folder = new();
    private readonly InMemorySchedules _schedules = new(
        new ScheduleView("nightly", "SecretFlow", "0 2 * * *", "Europe/Paris", false, NextFire,
            new FireView(NextFire.AddDays(-1), "failed", 3, NextFire.AddDays(-1).AddMinutes(4), "UseSecret: exit code 1"), NextFire.AddDays(-2)),
        new ScheduleView("orphan", "NoSuchFlow", "0 3 * * *", "UTC", false, NextFire.AddHours(1), null, null));
    private StudioServer _server = null!;
    private RecordingClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = StudioFixture.Start(_folder, null, _schedules);
        _schedules.Launcher = _server.Launcher;
        await _server.StartAsync(CancellationToken.None);
        _client = new RecordingClient(_server.Address, _server.Token);
    }

    [Fact]
    public async Task The_schedules_are_listed_with_their_next_and_last_fire()
    {
        var schedules = (await _client.GetJsonAsync("/api/schedules")).GetProperty("schedules").EnumerateArray().ToList();

        var nightly = schedules.Single(s => s.GetProperty("name").GetString() == "nightly");
        Assert.Equal("SecretFlow", nightly.GetProperty("workflow").GetString());
        Assert.Equal("0 2 * * *", nightly.GetProperty("cron").GetString());
        Assert.Equal("Europe/Paris", nightly.GetProperty("timeZone").GetString());
        Assert.False(nightly.GetProperty("paused").GetBoolean());
        Assert.Equal(NextFire, nightly.GetProperty("nextFire").GetDateTimeOffset());
        Assert.Equal("failed", nightly.GetProperty("lastFire").GetProperty("status").GetString());
        Assert.Equal(3, nightly.GetProperty("lastFire").GetProperty("runId").GetInt64());
        Assert.Equal(NextFire.AddDays(-2), nightly.GetProperty("lastSuccess").GetDateTimeOffset());
        Assert.Equal(2, schedules.Count);
    }

    [Fact]
    public async Task A_schedule_is_paused_and_resumed()
    {
        var paused = await _client.PostJsonAsync("/api/schedules/nightly/pause", new { }, 200);
        Assert.True(paused.GetProperty("schedule").GetProperty("paused").GetBoolean());
        Assert.True((await _schedules.ListAsync(CancellationToken.None)).Single(s => s.Name == "nightly").Paused);

        var resumed = await _client.PostJsonAsync("/api/schedules/nightly/resume", new { }, 200);
        Assert.False(resumed.GetProperty("schedule").GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Run_now_starts_a_run_that_the_Studio_follows_live()
    {
        var started = await _client.PostJsonAsync("/api/schedules/nightly/run", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();

        var events = await _client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        Assert.Equal("run-finished", events[^1].GetProperty("type").GetString());
        Assert.Equal("succeeded", (await _client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("run").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_now_of_a_workflow_no_file_defines_is_a_400_with_the_message()
    {
        var (response, body) = await _client.SendAsync(HttpMethod.Post, "/api/schedules/orphan/run", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NoSuchFlow", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_now_that_the_scheduler_refuses_is_a_409_with_its_reason()
    {
        _schedules.Launcher = null;

        var (response, body) = await _client.SendAsync(HttpMethod.Post, "/api/schedules/nightly/run", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("the run did not start", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_schedule_is_a_404_and_a_path_in_its_name_a_400()
    {
        foreach (var action in new[] { "pause", "resume", "run" })
        {
            var (response, body) = await _client.SendAsync(HttpMethod.Post, $"/api/schedules/weekly/{action}", new { });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("no schedule named 'weekly'", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(HttpMethod.Post, "/api/schedules/..%2Fnightly/pause", new { })).Response.StatusCode);
    }

    [Fact]
    public async Task Steering_a_schedule_from_another_site_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "/api/schedules/nightly/pause"))
        {
            Content = new FormUrlEncodedContent([]),
        };
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.Token);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False((await _schedules.ListAsync(CancellationToken.None)).Single(s => s.Name == "nightly").Paused);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class ScheduleApiWithoutSchedulerTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Theory]
    [InlineData("GET", "/api/schedules")]
    [InlineData("POST", "/api/schedules/nightly/pause")]
    [InlineData("POST", "/api/schedules/nightly/resume")]
    [InlineData("POST", "/api/schedules/nightly/run")]
    public async Task Without_a_scheduler_the_schedule_routes_say_they_belong_to_loader_serve(string method, string path)
    {
        var (response, body) = await studio.Client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("schedules are served by 'loader serve' only", body, StringComparison.Ordinal);
    }
}
