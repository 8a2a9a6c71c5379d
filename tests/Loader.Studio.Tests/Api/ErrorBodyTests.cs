using System.Net;
using System.Text.Json;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

/// <summary>Every error answer carries <c>{"errors": [...]}</c>, as docs/studio.md promises.</summary>
public sealed class ErrorBodyTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Theory]
    [InlineData("GET", "/api/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/workflows/SlowFlow/runs", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/api/runs/1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/runs/999999", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/runs/999999/cancel", HttpStatusCode.NotFound)]
    public async Task An_error_says_what_is_wrong_in_json(string method, string path, HttpStatusCode expected)
    {
        var (response, body) = await studio.Client.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { });

        Assert.Equal(expected, response.StatusCode);
        AssertErrors(response, body);
    }

    [Fact]
    public async Task A_body_that_is_not_the_json_a_route_reads_is_a_400_saying_so()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(studio.Server.Address, "/api/workflows/SlowFlow/plan"))
        {
            Content = new StringContent("{\"parameters\": [1, 2", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", studio.Server.Token);
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", AssertErrors(response, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_of_the_guards_are_json_too()
    {
        using var http = new HttpClient { BaseAddress = studio.Server.Address };
        using var foreignHost = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        foreignHost.Headers.Host = "attacker.example";
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/SlowFlow/runs") { Content = new StringContent("{}") };
        plain.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", studio.Server.Token);

        foreach (var (request, status) in new[] { (foreignHost, HttpStatusCode.Forbidden), (plain, HttpStatusCode.UnsupportedMediaType) })
        {
            using var response = await http.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            AssertErrors(response, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_favicon_is_served()
    {
        var (response, body) = await studio.Client.SendAsync(HttpMethod.Get, "/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", body, StringComparison.Ordinal);
    }

    private static string AssertErrors(HttpResponseMessage response, string body)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message), body);
        return message!;
    }
}
