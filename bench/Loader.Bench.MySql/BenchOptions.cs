using System.Globalization;

namespace Loader.Bench.MySql;

/// <summary>The benchmark's options: rows in the file, rounds, temporary folder.</summary>
internal sealed record BenchOptions(int Rows, int Rounds, string Temp, bool Keep)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(1_000_000, 3, Path.Combine(Path.GetTempPath(), "loader-bench-mysql"), false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--temp" => options with { Temp = args[++i] },
                "--keep" => options with { Keep = true },
                "--quick" => options with { Rows = 100_000, Rounds = 1 },
                _ => throw new ArgumentException($"unknown option {args[i]}: use --rows N, --rounds N, --temp FOLDER, --keep or --quick"),
            };
        }
        return options;
    }
}
