using System.Globalization;

namespace Loader.Bench.Sftp;

/// <summary>The benchmark's options: file size, rounds, SSH.NET variants, temporary folder.</summary>
internal sealed record BenchOptions(int SizeMb, int Rounds, bool Variants, string Temp, bool Keep)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(1024, 3, false, Path.Combine(Path.GetTempPath(), "loader-bench-sftp"), false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--size-mb" => options with { SizeMb = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--variants" => options with { Variants = true },
                "--temp" => options with { Temp = args[++i] },
                "--keep" => options with { Keep = true },
                "--quick" => options with { SizeMb = 64, Rounds = 1 },
                _ => throw new ArgumentException($"unknown option {args[i]}: use --size-mb N, --rounds N, --variants, --temp FOLDER, --keep or --quick"),
            };
        }
        return options;
    }
}
