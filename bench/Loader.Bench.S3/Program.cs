using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Loader.Bench.S3;
using Loader.S3.Client;
using Loader.S3.Targets;
using Loader.Targets;

// Completeness of a per-day fan-out on S3: the store's bulk listing against one HEAD per partition.
var options = BenchOptions.Parse(args);
using var server = await BenchS3.StartAsync();
var settings = server.Settings;
var seeding = new S3RequestCounter();
using var seeder = S3ClientFactory.Create(settings, seeding);
const string Bucket = "warehouse";
await seeder.PutBucketAsync(Bucket);

var first = new DateOnly(2016, 1, 1);
var days = Enumerable.Range(0, options.Days).Select(first.AddDays).ToList();
bool Complete(int i) => options.IncompleteEvery == 0 || i % options.IncompleteEvery != options.IncompleteEvery - 1;
string Prefix(DateOnly day) => $"tables/enrollments/dt={day:yyyy-MM-dd}/";

var seedClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, days.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
{
    for (var f = 0; f < options.FilesPerPartition; f++)
    {
        await seeder.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"{Prefix(days[i])}part-{f:D5}.csv", ContentBody = "x\n", UseChunkEncoding = false }, token);
    }
    if (Complete(i))
    {
        await seeder.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = Prefix(days[i]) + "_SUCCESS", ContentBody = "", UseChunkEncoding = false }, token);
    }
});
// Another table beside it, as in a real warehouse bucket: a listing must not wade through it.
await seeder.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "tables/other/dt=2020-01-01/_SUCCESS", ContentBody = "", UseChunkEncoding = false });
var objects = seeding.Total - 1;
var expected = Enumerable.Range(0, days.Count).Count(Complete);
Console.WriteLine($"seeded {days.Count:N0} partitions ({expected:N0} complete, {objects:N0} objects) in {seedClock.Elapsed.TotalSeconds:F1} s on s3rver at 127.0.0.1:{server.Port}");

var targets = days.Select(d => new Target(TargetKind.Flag, $"s3://{Bucket}/{Prefix(d)}")).ToList();

async Task<(TimeSpan Time, long Requests, int Found)> BulkAsync(List<Target> wanted)
{
    using var store = new S3TargetStore(settings);
    var clock = Stopwatch.StartNew();
    var existing = await store.WhichExistAsync(wanted, CancellationToken.None);
    return (clock.Elapsed, store.Requests.Total, existing.Count);
}

async Task<(TimeSpan Time, long Requests, int Found)> HeadsAsync(int inFlight)
{
    var counter = new S3RequestCounter();
    using var client = S3ClientFactory.Create(settings, counter);
    var found = 0;
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (day, token) =>
    {
        try
        {
            await client.GetObjectMetadataAsync(Bucket, Prefix(day) + "_SUCCESS", token);
            Interlocked.Increment(ref found);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    });
    return (clock.Elapsed, counter.Total, found);
}

var recent = Math.Min(60, days.Count);
var methods = new (string Name, int Expected, Func<Task<(TimeSpan Time, long Requests, int Found)>> Run)[]
{
    ($"bulk listing, all {days.Count:N0} days (S3TargetStore.WhichExistAsync)", expected, () => BulkAsync(targets)),
    ($"bulk listing, last {recent} days only", Enumerable.Range(days.Count - recent, recent).Count(Complete), () => BulkAsync(targets[^recent..])),
    ("one HEAD per partition, sequential", expected, () => HeadsAsync(1)),
    ($"one HEAD per partition, {options.Concurrency} in flight", expected, () => HeadsAsync(options.Concurrency)),
};
Console.WriteLine();
Console.WriteLine($"| method | requests | median time | min–max | partitions found |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, wantedCount, run) in methods)
{
    await run(); // warm-up: JIT, connections
    var runs = new List<(TimeSpan Time, long Requests, int Found)>();
    for (var r = 0; r < options.Repeat; r++)
    {
        runs.Add(await run());
    }
    if (runs.Any(x => x.Found != wantedCount))
    {
        throw new InvalidOperationException($"{name} found {runs.First(x => x.Found != wantedCount).Found} complete partitions, not {wantedCount}");
    }
    var times = runs.Select(x => x.Time.TotalMilliseconds).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {runs[0].Requests:N0} | {times[times.Count / 2]:F0} ms | {times[0]:F0}–{times[^1]:F0} ms | {runs[0].Found:N0} |"));
}
Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {DateTime.UtcNow:yyyy-MM-dd}");
