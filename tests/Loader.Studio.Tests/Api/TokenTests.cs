using System.Net;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

public sealed class TokenTests : IAsyncLifetime
{
    private const string Token = "studio-token-for-tests-0123";
    private readonly StudioFixture _studio = new() { Token = Token };

    public Task InitializeAsync() => _studio.InitializeAsync();

    public Task DisposeAsync() => _studio.DisposeAsync();

    [Fact]
    public async Task A_request_without_the_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = _studio.Server.Address };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/workflows/DailyPipeline/runs", null)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task The_bearer_header_or_the_cookie_from_a_token_link_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _studio.Client.SendAsync(HttpMethod.Get, "/api/workflows")).Response.StatusCode);

        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = _studio.Server.Address };
        using var page = await http.GetAsync($"/?token={Token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Token, page.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/runs")).StatusCode);
    }
}
