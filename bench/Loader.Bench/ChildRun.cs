using System.Diagnostics;
using Loader.Planning;
using Loader.Bench.Profiling;
using Loader.Running;
using Loader.State;
using Loader.State.Sqlite;
using Loader.Targets;

namespace Loader.Bench;

/// <summary>One phase of one size, measured in this process with the engine's own API, as <c>loader run</c> puts it together.</summary>
internal static class ChildRun
{
    public static async Task<Measurement> MeasureAsync(SyntheticPipeline pipeline, Phase phase, int workers, CancellationToken cancellationToken)
    {
        var targets = TargetStores.Local();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pausedBefore = GC.GetTotalPauseDuration();
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();

        var watch = Stopwatch.StartNew();
        var session = EngineSession.Load(pipeline);
        var loadMs = Lap(watch);

        var graph = session.Bind();
        var bindMs = Lap(watch);
        Expect(graph.Instances.Count == pipeline.Instances, $"bound {graph.Instances.Count} instances, expected {pipeline.Instances}");

        var plan = await session.PlanAsync(graph, targets, cancellationToken);
        var planMs = Lap(watch);

        double runMs = 0;
        var succeeded = 0;
        var exitCode = 0;
        if (phase == Phase.Cold)
        {
            Expect(plan.Count(PlanDecision.Run) == pipeline.Instances, $"plans {plan.Count(PlanDecision.Run)} to run, expected {pipeline.Instances}");
            var state = StateStore(pipeline, session.Clock);
            await using (state)
            {
                await state.InitializeAsync(cancellationToken);
                var sink = new CountingSink();
                watch.Restart();
                var result = await session.RunAsync(plan, state, targets, sink, workers, cancellationToken);
                runMs = Lap(watch);
                succeeded = sink.Succeeded;
                exitCode = result.ExitCode;
            }
            Expect(exitCode == ExitCodes.Success && succeeded == pipeline.Instances,
                $"run ended with exit code {exitCode} and {succeeded} successes, expected 0 and {pipeline.Instances}");
        }
        else
        {
            Expect(plan.Entries.All(e => e.Decision == PlanDecision.Complete), "the all-complete plan wants to run something");
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakMb = process.PeakWorkingSet64 / 1048576.0;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1048576.0;
        var collections = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);
        var gcPauseMs = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;

        // Timed after the plan (and its memory readings), with the folders already in the OS cache.
        watch.Restart();
        await targets.WhichExistAsync(graph.Instances.SelectMany(i => i.Outputs), cancellationToken);
        var existenceMs = Lap(watch);

        double warmBindMs = 0, warmPlanMs = 0;
        if (phase == Phase.Complete)
        {
            watch.Restart();
            var again = session.Bind();
            warmBindMs = Lap(watch);
            await session.PlanAsync(again, targets, cancellationToken);
            warmPlanMs = Lap(watch);
        }

        return new Measurement
        {
            Phase = phase,
            Instances = graph.Instances.Count,
            Workers = workers,
            LoadMs = loadMs,
            BindMs = bindMs,
            PlanMs = planMs,
            ExistenceCheckMs = existenceMs,
            RunMs = runMs,
            WarmBindMs = warmBindMs,
            WarmPlanMs = warmPlanMs,
            PeakWorkingSetMb = peakMb,
            AllocatedMb = allocatedMb,
            GcPauseMs = gcPauseMs,
            JitMs = jitMs,
            Gen0 = collections.Item1,
            Gen1 = collections.Item2,
            Gen2 = collections.Item3,
            Planned = phase == Phase.Cold ? plan.Count(PlanDecision.Run) : plan.Entries.Count,
            Succeeded = succeeded,
            ExitCode = exitCode,
        };
    }

    /// <summary>
    /// SQLite in the pipeline's folder; for experiments, <c>LOADER_BENCH_STATE</c> may name another folder for the
    /// database file (say, on tmpfs) or be <c>memory</c> for a store that keeps nothing.
    /// </summary>
    private static IStateStore StateStore(SyntheticPipeline pipeline, TimeProvider clock) =>
        Environment.GetEnvironmentVariable("LOADER_BENCH_STATE") switch
        {
            null or "" => new SqliteStateStore(pipeline.StatePath, clock),
            "memory" => new MemoryStateStore(),
            var folder => new SqliteStateStore(Path.Combine(folder, Path.GetFileName(pipeline.Root) + ".db"), clock),
        };

    private static double Lap(Stopwatch watch)
    {
        var elapsed = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        return elapsed;
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"benchmark check failed: {problem}");
        }
    }
}
