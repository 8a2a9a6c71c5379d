using System.Net;
using System.Net.Sockets;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>How <c>loader studio</c> starts: the link it prints, and an address it cannot listen on.</summary>
public sealed class StudioStartTests : IDisposable
{
    private readonly WorkFolder _folder = WorkFolder.Create().WithDailyPipeline();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_port_in_use_is_named_with_what_to_do_and_exits_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        (await _folder.RunAsync("studio", "--urls", url))
            .ExitsWith(2)
            .Says($"the Studio cannot listen on {url}: the port is in use")
            .Says("--urls http://127.0.0.1:PORT");
    }

    [Fact]
    public async Task Access_open_beyond_loopback_is_refused_with_exit_2()
    {
        _folder.WithFile("config/default.yml", "studio:\n  access: open\n");

        (await _folder.RunAsync("studio", "--urls", "http://0.0.0.0:0"))
            .ExitsWith(2)
            .Says("studio.access is 'open', but http://0.0.0.0:0 is reachable beyond loopback");
    }

    [Fact]
    public async Task A_configured_token_is_not_printed_and_opens_the_api()
    {
        const string token = "configured-studio-token-7c2e";
        _folder.WithSecret($"studio:\n  token: {token}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var studio = _folder.Start("studio", "--urls", "http://127.0.0.1:0");
        await studio.WaitForOutputAsync("press Ctrl-C to stop", TimeSpan.FromSeconds(60));
        var address = System.Text.RegularExpressions.Regex.Match(studio.Stdout, @"Studio at (http://127\.0\.0\.1:\d+)/\?token=<studio\.token>").Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/workflows")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/workflows")).StatusCode);
        await studio.InterruptAsync();
        await studio.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(token, studio.Stdout + studio.Stderr, StringComparison.Ordinal);
    }
}
