using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Api;

/// <summary>A running attempt's log is tailed from a byte offset as it grows; a log is searched and downloaded, masked.</summary>
public sealed class LogApiTests(StudioFixture studio) : IClassFixture<StudioFixture>
{
    [Fact]
    public async Task A_running_attempts_log_is_tailed_then_searched_and_downloaded_with_the_secret_masked()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/ChattyFlow/runs", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        var log = await RunningLogAsync(runId);

        var (first, next, status) = await TailUntilAsync(log, 0, "first line");
        Assert.Equal(("first line\n", "running"), (first, status));
        var (nothingYet, same, _) = await TailAsync(log, next);
        Assert.Equal(("", next), (nothingYet, same));

        Directory.CreateDirectory(Path.Combine(studio.Folder.Root, "data"));
        File.WriteAllText(Path.Combine(studio.Folder.Root, "data", "release"), "");
        await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        var (second, end, ended) = await TailAsync(log, next);
        Assert.Equal(("second line, password ***\n", "succeeded"), (second, ended));
        var (afterEnd, stillEnd, _) = await TailAsync(log, end);
        Assert.Equal(("", end), (afterEnd, stillEnd));

        var found = await studio.Client.GetJsonAsync($"{log}?search=PASSWORD");
        var match = Assert.Single(found.GetProperty("matches").EnumerateArray());
        Assert.Equal((2, "second line, password ***"), (match.GetProperty("line").GetInt32(), match.GetProperty("text").GetString()));
        Assert.False(found.GetProperty("truncated").GetBoolean());

        var (download, whole) = await studio.Client.SendAsync(HttpMethod.Get, $"{log}?download=true");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("first line\nsecond line, password ***\n", whole);
        Assert.DoesNotContain(studio.Client.Seen, seen => seen.Contains(StudioFolder.SecretValue, StringComparison.Ordinal));
    }

    /// <summary>The log address of the run's attempt once it runs.</summary>
    private async Task<string> RunningLogAsync(long runId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var attempts = (await studio.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("attempts");
            if (attempts.GetArrayLength() > 0 && attempts[0].GetProperty("log").ValueKind == JsonValueKind.String)
            {
                Assert.Equal("running", attempts[0].GetProperty("status").GetString());
                return attempts[0].GetProperty("log").GetString()!;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the attempt never showed a log: {attempts}");
            await Task.Delay(50);
        }
    }

    private async Task<(string Text, long Next, string Status)> TailUntilAsync(string log, long from, string text)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var tail = await TailAsync(log, from);
            if (tail.Text.Contains(text, StringComparison.Ordinal))
            {
                return tail;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"'{text}' never came: '{tail.Text}'");
            await Task.Delay(50);
        }
    }

    private async Task<(string Text, long Next, string Status)> TailAsync(string log, long from)
    {
        var (response, text) = await studio.Client.SendAsync(HttpMethod.Get, $"{log}?from={from}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = long.Parse(response.Headers.GetValues("X-Log-Next").Single(), CultureInfo.InvariantCulture);
        return (text, next, response.Headers.GetValues("X-Attempt-Status").Single());
    }
}
