using Loader.Students.Art;
using Loader.Students.Generator;
using Loader.Students.Loading;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Loading;

public sealed class ResumeTests : IAsyncLifetime
{
    private const int Students = 200_000;
    private const int Concurrency = 4;

    private ArtReceiver _art = null!;
    private StepHarness _harness = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _art = await ArtReceiver.StartAsync();
        _harness = await StepHarness.CreateAsync(_art);
        _harness.Config["art:chunk_size"] = "2000";
        _harness.Config["art:concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _file = Path.Combine(_harness.Folder, "students.csv");
        StudentFileGenerator.WriteFile(_file, new StudentFileOptions { Students = Students, Seed = 5, BadRowShare = 0.001 });
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _art.DisposeAsync();
    }

    [Fact]
    public async Task A_load_cancelled_midway_resumes_and_sends_at_most_concurrency_batches_again()
    {
        _art.Delay = TimeSpan.FromMilliseconds(40);
        using var cancel = new CancellationTokenSource();
        var first = _harness.RunAsync(Inputs(), cancel.Token);
        await WaitUntil(() => _art.Accepted >= 30 || first.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var checkpoint = await CheckpointAsync();
        Assert.NotNull(checkpoint);
        Assert.True(_art.Batches.Count < 100, "the first run must stop midway");

        _art.Delay = TimeSpan.Zero;
        var context = await _harness.RunAsync(Inputs());

        Assert.True((long)context.Counts["resumed_after"] > 0);
        Assert.NotNull(await CheckpointAsync());
        await Task.WhenAll(context.AfterCommit.Select(forget => forget(CancellationToken.None)));
        Assert.Null(await CheckpointAsync());
        Deliveries.AssertComplete(_art.Batches, _file, Concurrency);
        Assert.True(_art.Batches.Select(b => b.IdempotencyKey).Distinct().Count() >= 99);
    }

    [Fact]
    public async Task A_finished_load_whose_marker_was_never_written_resumes_at_the_end_and_posts_nothing_again()
    {
        // The runner dies after the last batch is acknowledged but before the marker is committed.
        var first = await _harness.RunAsync(Inputs());
        var posted = _art.Batches.Count;
        Assert.NotNull(await CheckpointAsync());

        var rerun = await _harness.RunAsync(Inputs());

        Assert.Equal(posted, _art.Batches.Count);
        Assert.Equal(0L, rerun.Counts["posted"]);
        Assert.Equal(first.Counts["acknowledged"], rerun.Counts["acknowledged"]);
        Deliveries.AssertComplete(_art.Batches, _file, Concurrency);
    }

    [Fact]
    public async Task A_load_stopped_by_a_refused_batch_resumes_after_the_fix()
    {
        _art.Reject = batch => batch.Ssids.Contains("1000123456") ? "bad student 1000123456" : null;
        await Assert.ThrowsAsync<ArtRefusedException>(() => _harness.RunAsync(Inputs()));
        var refusedAt = _art.Batches.Count;

        _art.Reject = null;
        var context = await _harness.RunAsync(Inputs());

        Assert.True((long)context.Counts["resumed_after"] >= 100_000);
        Assert.True(_art.Batches.Count - refusedAt < 50, "the rerun must not start over");
        Deliveries.AssertComplete(_art.Batches, _file, Concurrency);
    }

    private async Task<string?> CheckpointAsync()
    {
        var identity = await FileIdentity.OfAsync(_file, CancellationToken.None);
        return await _harness.State.GetCheckpointAsync(identity.CheckpointKey(_art.Endpoint), CancellationToken.None);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    private Dictionary<string, object> Inputs() => new() { ["file"] = _file };
}
