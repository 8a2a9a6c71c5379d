using System.Globalization;

namespace Loader.Bench.S3;

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchOptions
{
    /// <summary>How many daily partitions: 3,650 is ten years.</summary>
    public int Days { get; init; } = 3650;

    /// <summary>Every Nth partition has data but no <c>_SUCCESS</c> (0: none), so the answer is not all-or-nothing.</summary>
    public int IncompleteEvery { get; init; } = 50;

    /// <summary>Data objects per partition, besides <c>_SUCCESS</c>.</summary>
    public int FilesPerPartition { get; init; } = 1;

    /// <summary>Measurements of each method; the median is reported.</summary>
    public int Repeat { get; init; } = 5;

    /// <summary>HEAD requests in flight at once for the concurrent probe variant.</summary>
    public int Concurrency { get; init; } = 8;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--days" => options with { Days = Number(value) },
                "--incomplete-every" => options with { IncompleteEvery = Number(value) },
                "--files" => options with { FilesPerPartition = Number(value) },
                "--repeat" => options with { Repeat = Number(value) },
                "--concurrency" => options with { Concurrency = Number(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}: use --days, --incomplete-every, --files, --repeat, --concurrency"),
            };
            i++;
        }
        return options;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
