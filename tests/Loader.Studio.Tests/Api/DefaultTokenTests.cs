using System.Net;
using System.Text.Json;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

/// <summary>The token by default, on loopback too: made at start, printed in the link, kept in a cookie.</summary>
public sealed class DefaultTokenTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task On_loopback_a_token_is_made_and_every_route_but_the_probes_needs_it()
    {
        Assert.Matches("^[0-9a-f]{48}$", studio.Server.Token);
        Assert.Equal($"{studio.Server.Address.ToString().TrimEnd('/')}/?token={studio.Server.Token}", studio.Server.Link);
        using var anonymous = new RecordingClient(studio.Server.Address, null);

        foreach (var path in new[] { "/", "/api/workflows", "/api/runs", "/app.js" })
        {
            var (response, body) = await anonymous.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("access token", JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        }
        var (post, _) = await anonymous.SendAsync(HttpMethod.Post, "/api/workflows/SlowFlow/runs", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        foreach (var path in new[] { "/healthz", "/healthz/live", "/healthz/ready", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(HttpMethod.Get, path)).Response.StatusCode);
        }
        Assert.Empty(await RunsAsync());
    }

    [Fact]
    public async Task The_link_sets_a_strict_http_only_cookie_named_by_port_and_redirects_without_the_token()
    {
        using var anonymous = new RecordingClient(studio.Server.Address, null);

        var (response, _) = await anonymous.SendAsync(HttpMethod.Get, $"/?token={studio.Server.Token}&tab=grid");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?tab=grid", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"loader_studio_token_{studio.Server.Address.Port}={studio.Server.Token};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var other = new RecordingClient(studio.Server.Address, null);
        var (wrong, _) = await other.SendAsync(HttpMethod.Get, "/?token=0123");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private async Task<List<JsonElement>> RunsAsync() =>
        (await studio.Client.GetJsonAsync("/api/runs?workflow=SlowFlow")).GetProperty("runs").EnumerateArray().ToList();
}

/// <summary><c>studio.access: open</c>, and the probe routes beyond loopback.</summary>
public sealed class AccessSettingTests
{
    [Fact]
    public async Task With_access_open_on_loopback_no_token_is_needed()
    {
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, null, open: true);
        await server.StartAsync(CancellationToken.None);
        using var anonymous = new RecordingClient(server.Address, null);

        Assert.Null(server.Token);
        Assert.EndsWith("/", server.Link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(HttpMethod.Get, "/api/workflows")).Response.StatusCode);
    }

    [Fact]
    public void Access_open_beyond_loopback_is_refused_naming_the_setting()
    {
        using var folder = new StudioFolder();

        var refusal = Assert.Throws<ArgumentException>(() => StudioFixture.Start(folder, null, urls: "http://0.0.0.0:0", open: true));

        Assert.Contains("studio.access", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:0", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beyond_loopback_probes_need_the_token_or_the_metrics_token_which_opens_nothing_else()
    {
        using var folder = new StudioFolder();
        await using var server = StudioFixture.Start(folder, "probe-token-8d1f", urls: "http://0.0.0.0:0", metricsToken: "scrape-token-40aa");
        await server.StartAsync(CancellationToken.None);
        var address = new Uri($"http://127.0.0.1:{server.Address.Port}");
        using var anonymous = new RecordingClient(address, null);
        using var bearer = new RecordingClient(address, "probe-token-8d1f");
        using var scraper = new RecordingClient(address, "scrape-token-40aa");

        foreach (var path in new[] { "/healthz", "/healthz/live", "/healthz/ready", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Get, path)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bearer.SendAsync(HttpMethod.Get, path)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await scraper.SendAsync(HttpMethod.Get, path)).Response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await scraper.SendAsync(HttpMethod.Get, "/api/workflows")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scraper.SendAsync(HttpMethod.Get, "/")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.SendAsync(HttpMethod.Get, "/api/workflows")).Response.StatusCode);
    }
}
