using Loader.Cli.Tests.Infrastructure;
using System.Text.Json;
using Loader.Shipped.Tests.Support;
using Loader.Students.Tests.TestSupport;

namespace Loader.Shipped.Tests;

/// <summary>
/// <c>loader load-students</c> with no flags, killed with SIGKILL in the middle of the load and run again as cron would:
/// the rerun continues from the last acknowledged byte, and re-sends at most the batches that were in flight.
/// </summary>
[Trait("Category", "Shipped")]
public sealed class StudentLoadCrashTests : IAsyncLifetime
{
    // The shipped defaults: art.chunk_size 10,000 and art.concurrency 4.
    private const int ChunkSize = 10_000;
    private const int Concurrency = 4;

    private readonly ShippedSite _site = new();
    private readonly StudentDump _dump = StudentDump.Generate(300_000, seed: 5);

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_load_killed_with_sigkill_resumes_and_resends_at_most_the_batches_in_flight()
    {
        File.WriteAllBytes(_site.PathOf("students.csv"), _dump.Csv);
        _site.Art.Delay = TimeSpan.FromMilliseconds(150);
        using (var first = _site.Start("load-students", "-f", "students.csv"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (_site.Art.Accepted < 10 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
            var running = !first.HasExited;
            first.Kill();
            var killed = await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(running, $"the load ended before it was killed: {killed}");
        }
        var sentBeforeKill = _site.Art.Batches.Count;
        Assert.InRange(sentBeforeKill, 10, 30 - 1);

        _site.Art.Delay = TimeSpan.Zero;
        var rerun = await _site.RunAsync("load-students", "-f", "students.csv");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var batches = _site.Art.Batches;
        Deliveries.AssertComplete(batches, _site.PathOf("students.csv"), Concurrency);
        var resent = batches.Count - batches.Select(b => b.IdempotencyKey).Distinct().Count();
        Assert.InRange(resent, 0, Concurrency);
        Assert.InRange(batches.Sum(b => b.Ssids.Count) - _dump.Students.Count, 0, Concurrency * ChunkSize);
        var marker = Assert.Single(Directory.GetFiles(_site.PathOf("data/students/loaded")));
        var counts = JsonDocument.Parse(File.ReadAllText(marker)).RootElement.GetProperty("counts");
        Assert.True(counts.GetProperty("resumed_after").GetInt64() >= 5 * ChunkSize);
        Assert.Equal(_dump.Students.Count, counts.GetProperty("acknowledged").GetInt64());
    }
}
