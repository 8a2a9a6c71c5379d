using Loader.Scheduling;
using Loader.State;
using Loader.State.Sqlite;
using Loader.Steps;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Scheduling;

/// <summary>The service's retention prunes at start and once a day, by <c>history.keep</c> as configuration says at the time.</summary>
public sealed class HistoryRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loader-retention-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly StringWriter _output = new();
    private SqliteStateStore _state = null!;

    public async Task InitializeAsync()
    {
        _state = new SqliteStateStore(Path.Combine(_folder, "state.db"), _clock);
        await _state.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private HistoryRetention Retention(Func<TimeSpan?> keep) =>
        new(_state, keep, new ServiceLog(_output, json: false, _clock, () => new SecretMasker()), _clock);

    private async Task<long> RunAsync(DateTimeOffset at)
    {
        var id = await _state.StartRunAsync(new RunStart("daily", "", "host:1", at), CancellationToken.None);
        await _state.RecordAttemptsAsync([new AttemptRecord(id, "Refresh", "Refresh()", "Refresh", 1, AttemptStatus.Succeeded, at, at, null, null)], CancellationToken.None);
        await _state.FinishRunAsync(id, RunStatus.Succeeded, at, "1 ran", CancellationToken.None);
        return id;
    }

    private int Prunes => _output.ToString().Split('\n').Count(line => line.Contains("history.keep 30d: removed", StringComparison.Ordinal));

    private async Task WaitForPrunesAsync(int count, Action? meanwhile = null)
    {
        for (var waited = 0; Prunes < count; waited += 20)
        {
            Assert.True(waited < 10_000, $"no prune #{count} in 10s:\n{_output}");
            meanwhile?.Invoke();
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_service_prunes_at_start_and_again_a_day_later_what_ended_longer_ago_than_history_keep()
    {
        var oldest = await RunAsync(Start.AddDays(-40));
        var older = await RunAsync(Start.AddDays(-20));
        var newest = await RunAsync(Start);
        using var stopping = new CancellationTokenSource();

        var retention = Retention(() => TimeSpan.FromDays(30)).RunAsync(stopping.Token);
        await WaitForPrunesAsync(1);
        var afterStart = (await _state.ListRunsAsync(null, 10, CancellationToken.None)).Select(r => r.Id).ToList();
        // Days pass: each move of the clock lets the daily wait end at most once.
        await WaitForPrunesAsync(2, () => _clock.Advance(TimeSpan.FromDays(15)));
        await stopping.CancelAsync();
        await retention;

        Assert.Equal([newest, older], afterStart);
        Assert.Equal([newest], (await _state.ListRunsAsync(null, 10, CancellationToken.None)).Select(r => r.Id));
        Assert.DoesNotContain(oldest, afterStart);
        Assert.Contains("removed 1 run(s), 1 attempt(s) and 0 schedule fire(s) that ended before 2026-01-30 00:00 UTC, with their 0 log file(s) (0 bytes); kept 2 run(s)", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_history_keep_nothing_is_pruned()
    {
        await RunAsync(Start.AddDays(-4000));
        await RunAsync(Start);
        using var stopping = new CancellationTokenSource();

        var retention = Retention(() => null).RunAsync(stopping.Token);
        _clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(200);
        await stopping.CancelAsync();
        await retention;

        Assert.Equal(2, (await _state.ListRunsAsync(null, 10, CancellationToken.None)).Count);
        Assert.Equal("", _output.ToString());
    }
}
