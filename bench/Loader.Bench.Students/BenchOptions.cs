using System.Globalization;

namespace Loader.Bench.Students;

/// <summary>
/// The benchmark's options: the sizes of the throughput table, the load's chunk and senders, and for the comparison with
/// the original script its folder, the Python that runs it, the rounds and the files of each mode.
/// </summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<long> Sizes { get; init; } = [1_000_000, 5_000_000];

    public string Temp { get; init; } = Path.Combine(Path.GetTempPath(), "loader-bench-students");

    public int Chunk { get; init; } = 10_000;

    public int Concurrency { get; init; } = 4;

    public int Repeat { get; init; } = 1;

    public bool DryRun { get; init; }

    /// <summary>The folder holding csv_load_students.py (the repository's python/ at 5f11657); no comparison without it.</summary>
    public string? Original { get; init; }

    public string Python { get; init; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public int Rounds { get; init; } = 3;

    public long LoopbackStudents { get; init; } = 1_000_000;

    public long LatencyStudents { get; init; } = 200_000;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Skip the throughput table: only the comparison with the original script.</summary>
    public bool CompareOnly { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Value(args, ++i).Split(',').Select(Number).ToList() },
                "--temp" => options with { Temp = Value(args, ++i) },
                "--chunk" => options with { Chunk = (int)Number(Value(args, ++i)) },
                "--concurrency" => options with { Concurrency = (int)Number(Value(args, ++i)) },
                "--repeat" => options with { Repeat = (int)Number(Value(args, ++i)) },
                "--dry-run" => options with { DryRun = true },
                "--original" => options with { Original = Path.GetFullPath(Value(args, ++i)) },
                "--python" => options with { Python = Value(args, ++i) },
                "--rounds" => options with { Rounds = (int)Number(Value(args, ++i)) },
                "--loopback-students" => options with { LoopbackStudents = Number(Value(args, ++i)) },
                "--latency-students" => options with { LatencyStudents = Number(Value(args, ++i)) },
                "--latency-ms" => options with { Latency = TimeSpan.FromMilliseconds(Number(Value(args, ++i))) },
                "--compare-only" => options with { CompareOnly = true },
                _ => throw new BenchFailure(
                    $"unknown option {args[i]}: use --sizes N,N, --temp FOLDER, --chunk N, --concurrency N, --repeat N, --dry-run, "
                    + "--original FOLDER, --python PATH, --rounds N, --loopback-students N, --latency-students N, --latency-ms N or --compare-only"),
            };
        }
        return options;
    }

    private static string Value(string[] args, int at) =>
        at < args.Length ? args[at] : throw new BenchFailure($"{args[at - 1]} needs a value");

    private static long Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new BenchFailure($"'{text}' is not a positive whole number");
}
