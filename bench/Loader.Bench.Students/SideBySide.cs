using System.Globalization;

namespace Loader.Bench.Students;

/// <summary>
/// students.load against the original csv_load_students.py on the same file and the same loopback ART, in the same run:
/// rounds alternate who goes first, the receiver counts every student each load posted, and the medians are compared.
/// Two modes: loopback as it is, and every batch answered only after a delay, as from a distant ART.
/// </summary>
internal static class SideBySide
{
    private const string OriginalName = "csv_load_students.py";

    // The issue's target with a distant ART: concurrency should make students.load at least this many times faster.
    private const double DistantTarget = 7;

    public static async Task RunAsync(BenchOptions options, LoopbackArt art, StudentFile warmUp, CancellationToken cancellationToken)
    {
        var original = await OriginalScript.PrepareAsync(options.Original!, options.Python, Path.Combine(options.Temp, "original"), art, options.Chunk, cancellationToken);
        var loaderName = $"students.load, {options.Concurrency} senders";
        var contenders = new Contender[]
        {
            new(OriginalName, file => file.Rows, async file => await original.RunAsync(file.Path, cancellationToken)),
            new(loaderName, file => file.Rows - file.ShortRows, async file =>
            {
                var (result, processSeconds) = await ChildLoad.LaunchAsync(file.Path, art.Root, Path.Combine(options.Temp, "run-side-by-side"), options.Chunk, options.Concurrency, false, cancellationToken);
                if (result.Posted != art.Students || result.Rejected != file.ShortRows)
                {
                    throw new BenchFailure($"students.load reports {result.Posted:N0} posted and {result.Rejected:N0} rejected; the receiver counted {art.Students:N0} and the file has {file.ShortRows:N0} short rows");
                }
                return (result.Seconds, processSeconds);
            }),
        };
        var modes = new Mode[]
        {
            new("loopback", TimeSpan.Zero, StudentFile.Ensure(options.Temp, options.LoopbackStudents)),
            new($"{options.Latency.TotalMilliseconds:N0} ms per batch", options.Latency, StudentFile.Ensure(options.Temp, options.LatencyStudents)),
        };

        Console.WriteLine();
        Console.WriteLine($"students.load against {OriginalName} at {OriginalScript.Commit}"
            + (original.ChangedFiles.Count > 0 ? $" (NOT the {OriginalScript.Commit} version of {string.Join(", ", original.ChangedFiles)})" : ""));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Machine.Cpu}, {Machine.MemoryGib} GiB; load average {Machine.LoadAverage}; {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{original.Versions}; .NET {Environment.Version}; chunk {options.Chunk:N0}; receiver {art.Root}");

        // The first load of each warms the receiver and checks the set-up; it is not measured.
        art.BatchDelay = TimeSpan.Zero;
        foreach (var contender in contenders)
        {
            await LoadAsync(contender, warmUp, art);
        }

        var loads = new Dictionary<(Mode, Contender), List<Load>>();
        foreach (var mode in modes)
        {
            art.BatchDelay = mode.Delay;
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Alternate who goes first, so that neither always meets a warmer or a busier machine.
                foreach (var contender in round % 2 == 1 ? contenders : contenders.AsEnumerable().Reverse())
                {
                    var load = await LoadAsync(contender, mode.File, art);
                    (loads.TryGetValue((mode, contender), out var list) ? list : loads[(mode, contender)] = []).Add(load);
                    Console.WriteLine(Invariant($"{mode.Name}, round {round}: {contender.Name,-28} {load.Seconds,6:F2} s ({load.Students / load.Seconds,9:N0} students/s; process {load.ProcessSeconds:F2} s)"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Seconds are each loader's own clock (the script's \"Elapsed\", the step's time); the process column adds start-up.");
        Console.WriteLine();
        Console.WriteLine("| mode | file: students (short rows) | loader | students counted by the receiver | seconds, median | each round | students/s | process seconds, median |");
        Console.WriteLine("|---|---:|---|---:|---:|---|---:|---:|");
        foreach (var mode in modes)
        {
            foreach (var contender in contenders)
            {
                var runs = loads[(mode, contender)];
                Console.WriteLine(Invariant(
                    $"| {mode.Name} | {mode.File.Rows:N0} ({mode.File.ShortRows:N0}) | {contender.Name} | {runs[0].Students:N0} | {Median(runs.Select(r => r.Seconds)):F2} | {string.Join(", ", runs.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} | {Rate(runs, r => r.Seconds):N0} | {Median(runs.Select(r => r.ProcessSeconds)):F2} |"));
            }
        }
        Console.WriteLine();
        foreach (var mode in modes)
        {
            var (script, step) = (loads[(mode, contenders[0])], loads[(mode, contenders[1])]);
            var ratio = Rate(step, r => r.Seconds) / Rate(script, r => r.Seconds);
            var withStartUp = Rate(step, r => r.ProcessSeconds) / Rate(script, r => r.ProcessSeconds);
            var target = mode.Delay > TimeSpan.Zero ? Invariant($"; target at least {DistantTarget}x: {(ratio >= DistantTarget ? "met" : "NOT met")}") : "";
            Console.WriteLine(Invariant($"{mode.Name}: {loaderName} / {OriginalName} = {ratio:F1}x students/s (medians), {withStartUp:F1}x counting process start-up{target}"));
        }
    }

    /// <summary>Students per second at the median time.</summary>
    private static double Rate(List<Load> runs, Func<Load, double> time) =>
        runs[0].Students / Median(runs.Select(time));

    private static async Task<Load> LoadAsync(Contender contender, StudentFile file, LoopbackArt art)
    {
        art.Reset();
        var (seconds, processSeconds) = await contender.Run(file);
        var expected = contender.Expected(file);
        if (art.Students != expected)
        {
            throw new BenchFailure($"{contender.Name} on {file.Path}: the receiver counted {art.Students:N0} students, expected {expected:N0} ({file.Rows:N0} rows, {file.ShortRows:N0} short)");
        }
        return new Load(seconds, processSeconds, art.Students);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One side: its name, how many students the receiver must count for a file, and one load of a file.</summary>
    private sealed record Contender(string Name, Func<StudentFile, long> Expected, Func<StudentFile, Task<(double Seconds, double ProcessSeconds)>> Run);

    /// <summary>One measured load: the loader's own seconds, its process's wall time, and the students the receiver counted.</summary>
    private sealed record Load(double Seconds, double ProcessSeconds, long Students);

    /// <summary>A receiver setting and the file loaded under it.</summary>
    private sealed record Mode(string Name, TimeSpan Delay, StudentFile File);
}
