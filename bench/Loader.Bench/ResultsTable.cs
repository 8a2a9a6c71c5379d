using System.Globalization;
using System.Text;

namespace Loader.Bench;

/// <summary>The markdown the benchmark prints: one row per size and phase, then the growth ratios and the targets.</summary>
internal static class ResultsTable
{
    private const double ColdTargetMs = 10_000;
    private const double CompleteTargetMs = 2_000;
    private const double MaxGrowth = 12;

    public static string Render(IReadOnlyList<(Measurement Cold, Measurement Complete)> rows)
    {
        var text = new StringBuilder();
        Line(text, "| instances | phase | total (s) | load | bind | plan | existence check, again | run | process (s) | peak WS (MB) | allocated (MB) | GC pause | JIT | GCs 0/1/2 |");
        Line(text, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (cold, complete) in rows)
        {
            Row(text, cold, "plan + run from nothing");
            Row(text, complete, "plan, all complete");
        }
        Line(text, "");
        Line(text, "Totals are in-process (workflow load + bind + plan + run); load, bind, plan, existence check, run, GC pause and JIT are in ms.");
        Line(text, "GC pause and JIT are whole-process figures over the phase (JIT time counts every thread, so it can exceed a split).");
        Line(text, "Process is the child from start to exit as the parent saw it: runtime start-up, the phase, and the extra timings after it.");
        Line(text, "The existence check (TargetStores.WhichExistAsync over every output) is timed again on its own after the plan, with the folders in the OS cache.");
        Line(text, "");
        foreach (var (_, complete) in rows)
        {
            Line(text, $"- {complete.Instances:N0}, all-complete plan again in the same process (JIT and caches warm): "
                + $"bind {complete.WarmBindMs:0} ms + plan {complete.WarmPlanMs:0} ms = {(complete.WarmBindMs + complete.WarmPlanMs) / 1000:0.00} s");
        }
        Line(text, "");
        for (var i = 1; i < rows.Count; i++)
        {
            var (small, large) = (rows[i - 1], rows[i]);
            var size = (double)large.Cold.Instances / small.Cold.Instances;
            Line(text, $"- {large.Cold.Instances:N0} / {small.Cold.Instances:N0} ({size:0.#}x the tasks): "
                + $"plan + run {Ratio(large.Cold.TotalMs, small.Cold.TotalMs)}, "
                + $"all-complete plan {Ratio(large.Complete.TotalMs, small.Complete.TotalMs)}, "
                + $"peak memory {Ratio(large.Cold.PeakWorkingSetMb, small.Cold.PeakWorkingSetMb)}");
        }
        if (rows.FirstOrDefault(r => r.Cold.Instances >= 99_000) is { Cold: not null } largest)
        {
            Line(text, "");
            Line(text, $"- Target: {largest.Cold.Instances:N0} instances planned and run in under 10 s: "
                + $"{largest.Cold.TotalMs / 1000:0.00} s, {(largest.Cold.TotalMs < ColdTargetMs ? "met" : "MISSED")}");
            Line(text, $"- Target: the all-complete plan of {largest.Complete.Instances:N0} in under 2 s: "
                + $"{largest.Complete.TotalMs / 1000:0.00} s, {(largest.Complete.TotalMs < CompleteTargetMs ? "met" : "MISSED")}");
        }
        var worst = Enumerable.Range(1, Math.Max(0, rows.Count - 1))
            .Where(i => (double)rows[i].Cold.Instances / rows[i - 1].Cold.Instances is > 9 and < 11)
            .Select(i => Math.Max(rows[i].Cold.TotalMs / rows[i - 1].Cold.TotalMs, rows[i].Complete.TotalMs / rows[i - 1].Complete.TotalMs))
            .DefaultIfEmpty(double.NaN)
            .Max();
        if (!double.IsNaN(worst))
        {
            Line(text, $"- Target: ten times the tasks at most about {MaxGrowth}x the time: worst {worst:0.0}x, {(worst <= MaxGrowth ? "met" : "MISSED")}");
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, Measurement m, string phase) =>
        Line(text, $"| {m.Instances:N0} | {phase} | {m.TotalMs / 1000:0.00} | {m.LoadMs:0} | {m.BindMs:0} | {m.PlanMs:0} | {m.ExistenceCheckMs:0} | "
            + $"{(m.Phase == Phase.Cold ? m.RunMs.ToString("0", CultureInfo.InvariantCulture) : "-")} | {m.ProcessMs / 1000:0.00} | "
            + $"{m.PeakWorkingSetMb:0} | {m.AllocatedMb:0} | {m.GcPauseMs:0} | {m.JitMs:0} | {m.Gen0}/{m.Gen1}/{m.Gen2} |");

    private static string Ratio(double large, double small) => string.Create(CultureInfo.InvariantCulture, $"{large / small:0.0}x");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
