using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>
/// A real <c>loader studio</c> process re-reads its configuration: a password rotated in secret.yml is used by the next
/// run started from the Studio and masked in its answers, and a secret.yml that turned unsafe is refused while the
/// Studio goes on with the configuration it had.
/// </summary>
/// <remarks>Unix only: secret.yml's mode is part of the test.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed partial class StudioReloadTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly WorkFolder _folder = WorkFolder.Create();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_password_rotated_in_secret_yml_is_used_by_the_next_run_without_a_restart()
    {
        _folder.WithSecret("Deliver:\n  password: first-pass-41ad\n", Private)
            .WithWorkflow("deliver.yml", """
                workflow: Deliver
                parameters:
                  batch: string
                  password: {type: string, secret: true}
                tasks:
                  Send:
                    uses: shell
                    with:
                      command: echo "sending with $PASS"; printf '%s' "$PASS" > "${outputs.out}"
                      env: {PASS: "${password}"}
                    outputs:
                      out: out/${batch}.txt
                """);
        var studio = _folder.Start("studio", "--urls", "http://127.0.0.1:0");
        await studio.WaitForOutputAsync("press Ctrl-C to stop", Patience);
        var link = StudioAddress().Match(studio.Stdout);
        _http.BaseAddress = new Uri(link.Groups["address"].Value);
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", link.Groups["token"].Value);

        var first = await RunAsync("one");
        WriteSecret("Deliver:\n  password: second-pass-93fe\n", Private);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var second = await RunAsync("two");
        WriteSecret("Deliver:\n  password: third-pass-unsafe\n", Private | UnixFileMode.OtherRead);
        await WaitForAsync(() => studio.Stderr.Contains("configuration not reloaded", StringComparison.Ordinal), "the unsafe secret.yml being refused");
        var third = await RunAsync("three");

        Assert.Equal("first-pass-41ad", File.ReadAllText(_folder.Path("out/one.txt")));
        Assert.Equal("second-pass-93fe", File.ReadAllText(_folder.Path("out/two.txt")));
        Assert.Equal("second-pass-93fe", File.ReadAllText(_folder.Path("out/three.txt")));
        Assert.Contains("warning: configuration not reloaded, the previous one stays in use: ", studio.Stderr, StringComparison.Ordinal);
        Assert.Contains("secret.yml can be read by others", studio.Stderr, StringComparison.Ordinal);
        var log = await LogAsync(second);
        Assert.Contains("sending with ***", log, StringComparison.Ordinal);
        foreach (var (runId, secret) in new[] { (first, "first-pass-41ad"), (second, "second-pass-93fe"), (third, "second-pass-93fe") })
        {
            Assert.DoesNotContain(secret, await LogAsync(runId), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, await _http.GetStringAsync($"/api/runs/{runId}"), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("pass-", studio.Stdout + studio.Stderr, StringComparison.Ordinal);
    }

    private void WriteSecret(string yaml, UnixFileMode mode)
    {
        // Written aside and renamed into place, as editors and deployment tools do.
        var path = _folder.Path("config/secret.yml");
        File.WriteAllText(path + ".new", yaml);
        File.SetUnixFileMode(path + ".new", mode);
        File.Move(path + ".new", path, overwrite: true);
    }

    private async Task<long> RunAsync(string batch)
    {
        using var response = await _http.PostAsJsonAsync("/api/workflows/Deliver/runs", new { parameters = new { batch } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"starting a run: {(int)response.StatusCode} {body}");
        var runId = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetInt64();
        string? status = null;
        await WaitForAsync(
            () =>
            {
                status = JsonDocument.Parse(_http.GetStringAsync($"/api/runs/{runId}").GetAwaiter().GetResult()).RootElement.GetProperty("run").GetProperty("status").GetString();
                return status is not "running";
            },
            $"run {runId} ending");
        Assert.Equal("succeeded", status);
        return runId;
    }

    private async Task<string> LogAsync(long runId)
    {
        var attempt = JsonDocument.Parse(await _http.GetStringAsync($"/api/runs/{runId}")).RootElement.GetProperty("attempts")[0];
        return await _http.GetStringAsync(attempt.GetProperty("log").GetString());
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, $"{what} did not happen within {Patience.TotalSeconds}s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Studio at (?<address>http://\S+?)/\?token=(?<token>[0-9a-f]{48})\s")]
    private static partial Regex StudioAddress();
}
