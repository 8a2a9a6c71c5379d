using System.Globalization;

namespace Loader.Bench.Students;

/// <summary>
/// students.load alone on files of each size: time, rate, bytes posted and the child's peak working set, the median of
/// <see cref="BenchOptions.Repeat"/> runs.
/// </summary>
internal static class ThroughputTable
{
    public static async Task RunAsync(BenchOptions options, LoopbackArt art, CancellationToken cancellationToken)
    {
        art.BatchDelay = TimeSpan.Zero;
        Console.WriteLine($"students.load benchmark{(options.DryRun ? " (dry run: read and map only)" : "")}: {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}, chunk {options.Chunk:N0}, {options.Concurrency} senders, receiver {art.Root}");
        Console.WriteLine();
        Console.WriteLine("| students | file MB | bad rows | seconds | students/s | MB/s posted | peak working set MB | GC 0/1/2 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var size in options.Sizes)
        {
            var file = StudentFile.Ensure(options.Temp, size);
            var runs = new List<(ChildResult Result, long Bytes)>();
            for (var i = 0; i < options.Repeat; i++)
            {
                art.Reset();
                var (result, _) = await ChildLoad.LaunchAsync(file.Path, art.Root, Path.Combine(options.Temp, $"run-{size}"), options.Chunk, options.Concurrency, options.DryRun, cancellationToken);
                if (!options.DryRun && art.Students != result.Posted)
                {
                    throw new BenchFailure($"students.load reports {result.Posted:N0} students posted; the receiver counted {art.Students:N0}");
                }
                runs.Add((result, art.Bytes));
            }
            var (median, bytes) = runs.OrderBy(r => r.Result.Seconds).ElementAt(runs.Count / 2);
            var students = options.DryRun ? median.Students : median.Posted;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {students:N0} | {file.Megabytes:N0} | {median.Rejected:N0} | {median.Seconds:N1} | {students / median.Seconds:N0} | {bytes / 1e6 / median.Seconds:N0} | {median.PeakWorkingSet / 1e6:N0} | {median.Gen0}/{median.Gen1}/{median.Gen2} |"));
        }
    }
}
