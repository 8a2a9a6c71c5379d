using System.Globalization;

namespace Loader.Bench;

/// <summary>The parent's command line: <c>[--quick] [--sizes 1000,10000,100000] [--workers N] [--repeat N] [--keep]</c>.</summary>
internal sealed record BenchOptions
{
    public static readonly int[] FullSizes = [1_000, 10_000, 100_000];

    public static readonly int[] QuickSizes = [100, 1_000];

    public IReadOnlyList<int> Sizes { get; init; } = FullSizes;

    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>How many times each size is measured; the run with the median total is reported.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Keep the generated folders instead of deleting them.</summary>
    public bool Keep { get; init; }

    /// <summary>Where the per-size folders go.</summary>
    public string TempFolder { get; init; } = Path.Combine(Path.GetTempPath(), "loader-bench");

    public const string Usage = """
        usage: Loader.Bench [profile] [--quick] [--sizes N,N,...] [--workers N] [--repeat N] [--keep] [--temp FOLDER]
          profile        time the engine's pieces separately in one process instead (bind, plan, run with SQLite or disk in memory)
          --quick        sizes 100 and 1,000 only: a smoke run of a few seconds
          --sizes        task instance counts (default 1000,10000,100000; rounded to 3 per day + 1)
          --workers      tasks run at once (default: the number of cores)
          --repeat       measure each size N times and report the median run (default 1)
          --keep         keep the generated folders
          --temp         where the generated folders go (default: the system temp folder)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Sizes = QuickSizes },
                "--sizes" => options with { Sizes = Value(args, ref i).Split(',').Select(Number).ToArray() },
                "--workers" => options with { Workers = Number(Value(args, ref i)) },
                "--repeat" => options with { Repeat = Number(Value(args, ref i)) },
                "--keep" => options with { Keep = true },
                "--temp" => options with { TempFolder = Value(args, ref i) },
                var other => throw new ArgumentException($"unknown option '{other}'\n{Usage}"),
            };
        }
        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value\n{Usage}");

    private static int Number(string text) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{text}' is not a positive whole number");
}
