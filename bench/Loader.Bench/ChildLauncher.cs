using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Loader.Bench;

/// <summary>
/// Runs one phase in a new process of this program, so that its peak working set belongs to that phase alone
/// and nothing (JIT, caches, GC heap) carries over from an earlier size.
/// </summary>
internal static class ChildLauncher
{
    public const string Command = "child";

    private const string ResultPrefix = "MEASUREMENT ";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The child's arguments after <see cref="Command"/>: root, days, phase, workers.</summary>
    public static async Task<int> RunChildAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var pipeline = new SyntheticPipeline(args[0], int.Parse(args[1], CultureInfo.InvariantCulture));
        var phase = Enum.Parse<Phase>(args[2]);
        var workers = int.Parse(args[3], CultureInfo.InvariantCulture);
        var measurement = await ChildRun.MeasureAsync(pipeline, phase, workers, cancellationToken);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(measurement, Json));
        return 0;
    }

    public static async Task<Measurement> MeasureAsync(SyntheticPipeline pipeline, Phase phase, int workers, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildLauncher).Assembly.Location);
        }
        foreach (var argument in new[] { Command, pipeline.Root, pipeline.Days.ToString(CultureInfo.InvariantCulture), phase.ToString(), workers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the {phase} child for {pipeline.Instances} instances failed (exit code {process.ExitCode}):\n{output}");
        }
        return JsonSerializer.Deserialize<Measurement>(line[ResultPrefix.Length..], Json)! with { ProcessMs = elapsed };
    }
}
