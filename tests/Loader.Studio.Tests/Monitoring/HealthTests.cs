using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Loader.State.MySql;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Monitoring;

public sealed class HealthTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task Without_a_scheduler_the_Studio_is_live_and_ready_while_its_store_answers()
    {
        var (all, allBody) = await GetAsync(studio.Client, "/healthz");
        var (live, _) = await GetAsync(studio.Client, "/healthz/live");
        var (ready, readyBody) = await GetAsync(studio.Client, "/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, all);
        Assert.True(allBody.GetProperty("live").GetBoolean());
        Assert.True(allBody.GetProperty("ready").GetBoolean());
        Assert.Equal("none", allBody.GetProperty("scheduler").GetString());
        Assert.Equal("answers", allBody.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.True(readyBody.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task A_state_store_that_cannot_be_opened_makes_the_Studio_unready_until_it_can()
    {
        using var folder = new StudioFolder();
        var database = Path.Combine(folder.Root, "state.db");
        Directory.CreateDirectory(database);
        await using var server = StudioFixture.Start(folder, null);
        await server.StartAsync(CancellationToken.None);
        using var client = new RecordingClient(server.Address, null);

        var (all, allBody) = await GetAsync(client, "/healthz");
        var (ready, readyBody) = await GetAsync(client, "/healthz/ready");
        var (live, _) = await GetAsync(client, "/healthz/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, all);
        Assert.True(allBody.GetProperty("live").GetBoolean());
        Assert.False(allBody.GetProperty("ready").GetBoolean());
        Assert.StartsWith("the state store does not answer: ", allBody.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.False(readyBody.GetProperty("ready").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, live);

        Directory.Delete(database);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz/ready")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz")).Status);
    }

    [Fact]
    public async Task A_state_store_that_does_not_answer_makes_the_Studio_unready_within_the_patience()
    {
        // A MySQL address where the TCP connection is taken but no server ever greets: the store's connect hangs.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, null, openState: async cancellationToken =>
        {
            var store = new MySqlStateStore($"Server=127.0.0.1;Port={port};User ID=loader;Password=unused;Connection Timeout=60", "loader", TimeProvider.System);
            await store.InitializeAsync(cancellationToken);
            return store;
        });
        await server.StartAsync(CancellationToken.None);
        using var client = new RecordingClient(server.Address, null);

        var clock = Stopwatch.StartNew();
        var (ready, body) = await GetAsync(client, "/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("the state store did not answer within 2 s", body.GetProperty("state").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_scheduler_whose_loop_stopped_turning_makes_the_Studio_not_live()
    {
        var schedules = new InMemorySchedules { Turning = false };
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, null, schedules);
        await server.StartAsync(CancellationToken.None);
        using var client = new RecordingClient(server.Address, null);

        var (live, liveBody) = await GetAsync(client, "/healthz/live");
        var (all, allBody) = await GetAsync(client, "/healthz");
        var (ready, _) = await GetAsync(client, "/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, live);
        Assert.Equal("stalled", liveBody.GetProperty("scheduler").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, all);
        Assert.False(allBody.GetProperty("live").GetBoolean());
        Assert.True(allBody.GetProperty("ready").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, ready);

        schedules.Turning = true;
        var (again, againBody) = await GetAsync(client, "/healthz/live");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("turning", againBody.GetProperty("scheduler").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(RecordingClient client, string path)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Get, path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement);
    }
}
