namespace Loader.Bench;

/// <summary>For each size: a fresh folder, a cold child (plan and run from nothing), then a child that plans again when all is complete.</summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.TempFolder);
        await Console.Error.WriteLineAsync($"Loader scale benchmark: sizes {string.Join(", ", options.Sizes)}, {options.Workers} workers, "
            + $"{options.Repeat} repeat(s), {Environment.ProcessorCount} cores, .NET {Environment.Version}, folders under {options.TempFolder}");
        var rows = new List<(Measurement Cold, Measurement Complete)>();
        foreach (var size in options.Sizes)
        {
            var runs = new List<(Measurement Cold, Measurement Complete)>();
            for (var repeat = 0; repeat < options.Repeat; repeat++)
            {
                var pipeline = SyntheticPipeline.Create(options.TempFolder, size);
                try
                {
                    var cold = await ChildLauncher.MeasureAsync(pipeline, Phase.Cold, options.Workers, cancellationToken);
                    var complete = await ChildLauncher.MeasureAsync(pipeline, Phase.Complete, options.Workers, cancellationToken);
                    await Console.Error.WriteLineAsync($"  {pipeline.Instances,7:N0} instances: plan + run {cold.TotalMs / 1000,6:0.00} s "
                        + $"(bind {cold.BindMs:0} ms, plan {cold.PlanMs:0} ms, run {cold.RunMs:0} ms), peak {cold.PeakWorkingSetMb:0} MB; "
                        + $"all-complete plan {complete.TotalMs / 1000:0.00} s, peak {complete.PeakWorkingSetMb:0} MB");
                    runs.Add((cold, complete));
                }
                finally
                {
                    if (!options.Keep)
                    {
                        Directory.Delete(pipeline.Root, recursive: true);
                    }
                }
            }
            rows.Add(Median(runs));
        }
        Console.Write(ResultsTable.Render(rows));
        return 0;
    }

    /// <summary>Each phase's run with the median total; the two phases are chosen independently.</summary>
    private static (Measurement Cold, Measurement Complete) Median(List<(Measurement Cold, Measurement Complete)> runs) =>
        (runs.Select(r => r.Cold).OrderBy(m => m.TotalMs).ElementAt(runs.Count / 2),
         runs.Select(r => r.Complete).OrderBy(m => m.TotalMs).ElementAt(runs.Count / 2));
}
