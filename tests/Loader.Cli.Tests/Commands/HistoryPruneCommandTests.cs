using Loader.Cli.Tests.Infrastructure;
using Loader.State;
using Loader.State.Sqlite;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader history prune</c> removes old history as a real process, keeps what is still read, and refuses a bad duration.</summary>
public sealed class HistoryPruneCommandTests : IDisposable
{
    private readonly WorkFolder _folder = WorkFolder.Create().WithDailyPipeline();

    /// <summary>Writes runs of one task instance that ended <paramref name="daysAgo"/> days ago into the folder's state store.</summary>
    internal static async Task<IReadOnlyList<long>> RecordOldRunsAsync(WorkFolder folder, params int[] daysAgo)
    {
        await using var store = new SqliteStateStore(folder.Path(".loader/state.db"));
        await store.InitializeAsync(CancellationToken.None);
        var ids = new List<long>();
        foreach (var days in daysAgo)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-days);
            var id = await store.StartRunAsync(new RunStart("Refresh", "", "host:1", at), CancellationToken.None);
            await store.RecordAttemptsAsync([new AttemptRecord(id, "Refresh_1", "Refresh()", "Refresh", 1, AttemptStatus.Succeeded, at, at, null, null)], CancellationToken.None);
            await store.FinishRunAsync(id, RunStatus.Succeeded, at, "1 ran", CancellationToken.None);
            ids.Add(id);
        }
        return ids;
    }

    private async Task<IReadOnlyList<long>> RunIdsAsync() =>
        (await _folder.RunAsync("history", "--limit", "100", "--output", "json")).ExitsWith(0).Json().EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Prune_removes_runs_older_than_the_duration_keeping_the_newest_of_each_task_and_a_dry_run_removes_nothing()
    {
        var old = await RecordOldRunsAsync(_folder, 200, 150, 120);
        var recent = (await _folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-03")).ExitsWith(0).RunId();

        var dryRun = await _folder.RunAsync("history", "prune", "--older-than", "90d", "--dry-run");
        var afterDryRun = await RunIdsAsync();
        var prune = await _folder.RunAsync("history", "prune", "--older-than", "90d", "--output", "json");

        dryRun.ExitsWith(0).Prints("would remove 2 run(s), 2 attempt(s) and 0 schedule fire(s)").Prints("would keep 2 run(s), 8 attempt(s)");
        Assert.Equal([recent, .. old.Reverse()], afterDryRun);
        var json = prune.ExitsWith(0).Json();
        Assert.Equal((2, 2), (json.GetProperty("removed").GetProperty("runs").GetInt64(), json.GetProperty("removed").GetProperty("attempts").GetInt64()));
        Assert.Equal((2, 8), (json.GetProperty("kept").GetProperty("runs").GetInt64(), json.GetProperty("kept").GetProperty("attempts").GetInt64()));
        Assert.Equal([recent, old[^1]], await RunIdsAsync());
        (await _folder.RunAsync("history", "prune", "--older-than", "90d")).ExitsWith(0).Prints("removed 0 run(s), 0 attempt(s)");
    }

    [Fact]
    public async Task Prune_removes_the_log_files_of_the_attempts_it_removes_and_a_dry_run_counts_them()
    {
        var old = await RecordOldRunsAsync(_folder, 200, 150);
        await using (var store = new SqliteStateStore(_folder.Path(".loader/state.db")))
        {
            foreach (var (id, bytes) in old.Zip([3000, 70]))
            {
                var log = _folder.Path($".loader/logs/{id}/Refresh_1.1.log");
                Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                await File.WriteAllTextAsync(log, new string('x', bytes));
                var at = (await store.GetRunAsync(id, CancellationToken.None))!.Started;
                await store.RecordAttemptsAsync([new AttemptRecord(id, "Refresh_1", "Refresh()", "Refresh", 1, AttemptStatus.Succeeded, at, at, null, log)], CancellationToken.None);
            }
        }

        var dryRun = await _folder.RunAsync("history", "prune", "--older-than", "90d", "--dry-run");
        var keptByDryRun = File.Exists(_folder.Path($".loader/logs/{old[0]}/Refresh_1.1.log"));
        var prune = await _folder.RunAsync("history", "prune", "--older-than", "90d", "--output", "json");

        dryRun.ExitsWith(0).Prints("would remove 1 run(s), 1 attempt(s) and 0 schedule fire(s)").Prints("with their 1 log file(s) (3,000 bytes)");
        Assert.True(keptByDryRun);
        var removed = prune.ExitsWith(0).Json().GetProperty("removed");
        Assert.Equal((1, 3000), (removed.GetProperty("logFiles").GetInt64(), removed.GetProperty("logBytes").GetInt64()));
        Assert.False(Directory.Exists(_folder.Path($".loader/logs/{old[0]}")));
        Assert.Equal(70, new FileInfo(_folder.Path($".loader/logs/{old[1]}/Refresh_1.1.log")).Length);
    }

    [Theory]
    [InlineData("ninety", "(not a duration)")]
    [InlineData("0s", "")]
    [InlineData("90", "(not a duration)")]
    public async Task A_bad_duration_exits_2_naming_the_option_the_value_and_what_is_allowed(string duration, string why)
    {
        var result = await _folder.RunAsync("history", "prune", "--older-than", duration);

        result.ExitsWith(2).Says($"--older-than is '{duration}' {why}".TrimEnd()).Says("it must be a duration from 1h to 36500d, such as 90d");
    }

    [Fact]
    public async Task Prune_without_older_than_exits_2()
    {
        (await _folder.RunAsync("history", "prune")).ExitsWith(2).Says("--older-than");
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
