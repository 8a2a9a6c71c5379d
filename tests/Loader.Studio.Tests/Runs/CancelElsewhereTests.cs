using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Loader.Studio.Hosting;
using Loader.Studio.Tests.Infrastructure;

namespace Loader.Studio.Tests.Runs;

/// <summary>
/// A run started by a real <c>loader run</c> process is cancelled from elsewhere, through the state store: from the
/// Studio's API and by <c>loader cancel</c>. Its runner stops its step, records it cancelled and exits 130.
/// </summary>
public sealed class CancelElsewhereTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly StudioFolder _folder = new();
    private StudioServer _server = null!;
    private RecordingClient _client = null!;

    public async Task InitializeAsync()
    {
        File.Delete(Path.Combine(_folder.Root, "workflows", "broken.yml"));
        File.WriteAllText(Path.Combine(_folder.Root, "workflows", "long-flow.yml"), """
            workflow: LongFlow
            tasks:
              Wait:
                uses: shell
                with:
                  command: sleep 87 && touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/long-flow.done
            """);
        _server = StudioFixture.Start(_folder, null);
        await _server.StartAsync(CancellationToken.None);
        _client = new RecordingClient(_server.Address, _server.Token);
    }

    [Fact]
    public async Task A_command_line_run_is_cancelled_from_the_studio_and_its_runner_is_shown()
    {
        using var run = LoaderProcess.Start(_folder.Root, "run", "LongFlow");
        var (runId, attempt) = await RunningAttemptAsync(run);

        var holder = attempt.GetProperty("holder");
        Assert.Equal(Environment.MachineName, holder.GetProperty("host").GetString());
        Assert.Equal(run.Id, holder.GetProperty("pid").GetInt32());
        Assert.Equal(runId, holder.GetProperty("runId").GetInt64());
        var plan = await _client.PostJsonAsync("/api/workflows/LongFlow/plan", new { }, 200);
        Assert.Equal(run.Id, plan.GetProperty("entries")[0].GetProperty("holder").GetProperty("pid").GetInt32());
        var steps = StepProcesses.Of(run.Id);
        Assert.NotEmpty(steps);

        var clock = Stopwatch.StartNew();
        var cancel = await _client.PostJsonAsync($"/api/runs/{runId}/cancel", new { }, 202);

        Assert.True(cancel.GetProperty("cancelling").GetBoolean());
        Assert.Equal(130, await run.WaitAsync(Soon));
        Assert.True(clock.Elapsed < Soon, $"the run took {clock.Elapsed} to stop");
        Assert.Empty(StepProcesses.Of(run.Id));
        Assert.Contains("asked to cancel this run", run.Output, StringComparison.Ordinal);
        await AssertCancelledAsync(runId);
        var again = await _client.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/cancel", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Contains("has already ended (cancelled)", again.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_run_is_cancelled_by_loader_cancel()
    {
        using var run = LoaderProcess.Start(_folder.Root, "run", "LongFlow");
        var (runId, _) = await RunningAttemptAsync(run);
        var clock = Stopwatch.StartNew();

        using var cancel = LoaderProcess.Start(_folder.Root, "cancel", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wait");

        Assert.Equal(0, await cancel.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, await run.WaitAsync(Soon));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the run took {clock.Elapsed} to stop");
        Assert.Contains($"run {runId} (LongFlow, runner {Environment.MachineName}:{run.Id}): cancel requested", cancel.Output, StringComparison.Ordinal);
        Assert.Contains($"run {runId} cancelled", cancel.Output, StringComparison.Ordinal);
        Assert.Empty(StepProcesses.Of(run.Id));
        await AssertCancelledAsync(runId);
        using var ended = LoaderProcess.Start(_folder.Root, "cancel", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, await ended.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("has already ended: cancelled", ended.Output, StringComparison.Ordinal);
        using var unknown = LoaderProcess.Start(_folder.Root, "cancel", "987654");
        Assert.Equal(2, await unknown.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("no run 987654", unknown.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits for the run of <paramref name="run"/> to show in the Studio with its step running; its id and that attempt.</summary>
    private async Task<(long RunId, JsonElement Attempt)> RunningAttemptAsync(LoaderProcess run)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60) && !run.HasExited)
        {
            var runs = (await _client.GetJsonAsync("/api/runs?workflow=LongFlow")).GetProperty("runs").EnumerateArray()
                .Where(r => r.GetProperty("status").GetString() == "running").ToList();
            if (runs is [var found])
            {
                var id = found.GetProperty("id").GetInt64();
                var attempts = (await _client.GetJsonAsync($"/api/runs/{id}")).GetProperty("attempts").EnumerateArray().ToList();
                if (attempts is [var attempt] && attempt.GetProperty("status").GetString() == "running"
                    && attempt.GetProperty("holder").ValueKind == JsonValueKind.Object && StepProcesses.Of(run.Id).Count > 0)
                {
                    return (id, attempt);
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"loader run did not start LongFlow's step:\n{run.Output}");
    }

    private async Task AssertCancelledAsync(long runId)
    {
        var detail = await _client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("cancelled", detail.GetProperty("run").GetProperty("status").GetString());
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal("cancelled", attempt.GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(_folder.Root, "data", "long-flow.done")));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
