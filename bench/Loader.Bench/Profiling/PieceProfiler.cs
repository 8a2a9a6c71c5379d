using System.Diagnostics;
using System.Globalization;
using System.Text;
using Loader.Planning;
using Loader.State;
using Loader.State.Sqlite;
using Loader.Targets;
using Loader.Tasks;

namespace Loader.Bench.Profiling;

/// <summary>
/// Times the engine's pieces separately, in one warmed-up process: binding with and without the Report's fan-in,
/// planning and its existence check, and the run with SQLite or the disk swapped for memory, plus SQLite and
/// marker writes alone. Answers "which method dominates" without a profiler.
/// </summary>
internal static class PieceProfiler
{
    private const int WarmUpInstances = 301;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.TempFolder);
        await Console.Error.WriteLineAsync($"Loader piece profile: sizes {string.Join(", ", options.Sizes)}, {options.Workers} workers, warm-up at {WarmUpInstances} instances");
        await ProfileAsync(options, WarmUpInstances, cancellationToken);
        var columns = new List<(int Instances, List<(string Piece, double Ms)> Pieces)>();
        foreach (var size in options.Sizes)
        {
            var (pieces, calls) = await ProfileAsync(options, size, cancellationToken);
            var instances = 3 * Math.Max(1, (size - 1) / 3) + 1;
            columns.Add((instances, pieces));
            Console.Write($"\nCalls of the timed run at {instances:N0} instances:\n\n");
            foreach (var line in calls)
            {
                Console.Write($"- {line}\n");
            }
        }
        Console.Write("\n" + Render(columns));
        return 0;
    }

    private static async Task<(List<(string Piece, double Ms)> Pieces, List<string> Calls)> ProfileAsync(BenchOptions options, int size, CancellationToken cancellationToken)
    {
        List<string> calls = [];
        var pieces = new List<(string, double)>();
        var folders = new List<string>();
        SyntheticPipeline Fresh(bool withReport = true)
        {
            var pipeline = SyntheticPipeline.Create(options.TempFolder, size, withReport);
            folders.Add(pipeline.Root);
            return pipeline;
        }
        async Task<T> Time<T>(string piece, Func<Task<T>> action)
        {
            var watch = Stopwatch.StartNew();
            var result = await action();
            pieces.Add((piece, watch.Elapsed.TotalMilliseconds));
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {size,7}  {piece}: {watch.Elapsed.TotalMilliseconds:0} ms"));
            return result;
        }
        try
        {
            var local = TargetStores.Local();
            var memoryTargets = new TargetStores().Add(new MemoryTargetStore());
            var session = await Time("load: WorkflowCatalog.Load + LoaderConfiguration.Load", () => Task.FromResult(EngineSession.Load(Fresh())));
            var graph = await Time("bind: GraphBinder.Bind", () => Task.FromResult(session.Bind()));
            var withoutReport = EngineSession.Load(Fresh(withReport: false));
            await Time("bind without the Report (no fan-in of every Load)", () => Task.FromResult(withoutReport.Bind()));
            await Time("  of bind: TaskId.Create for every instance", () => Task.FromResult(CreateIdentities(graph)));
            var plan = await Time("plan, nothing exists: Planner.PlanAsync", () => session.PlanAsync(graph, local, cancellationToken));
            await Time("  of plan: TargetStores.WhichExistAsync alone", () => local.WhichExistAsync(graph.Instances.SelectMany(i => i.Outputs), cancellationToken));

            await Time("run as shipped: SQLite state + marker files", () => RunAsync(session, plan, Sqlite(session.Pipeline), local, options.Workers, cancellationToken));
            var complete = await Time("plan again, all complete: Planner.PlanAsync", () => session.PlanAsync(graph, local, cancellationToken));
            Expect(complete.Entries.All(e => e.Decision == PlanDecision.Complete), "the all-complete plan wants to run something");
            await Time("  of it: TargetStores.WhichExistAsync alone", () => local.WhichExistAsync(graph.Instances.SelectMany(i => i.Outputs), cancellationToken));
            var dataFolders = Directory.GetDirectories(session.Pipeline.DataFolder);
            await Time("  listing the marker folders as LocalTargetStore.List does (EnumerateFileSystemInfos)", () => Task.FromResult(FolderListing.AsShipped(dataFolders)));
            await Time("  listing them with FileSystemEnumerable and d_type (proposed)", () => Task.FromResult(FolderListing.Proposed(dataFolders)));

            var timed = EngineSession.Load(Fresh());
            var times = new CallTimes();
            var timedTargets = new TargetStores().Add(new TimedTargetStore(new LocalTargetStore(), times));
            var timedPlan = await timed.PlanAsync(timed.Bind(), timedTargets, cancellationToken);
            await Time("run as shipped again, every state and target call timed", () =>
                RunAsync(timed, timedPlan, new TimedStateStore(Sqlite(timed.Pipeline), times), timedTargets, options.Workers, cancellationToken));
            calls = times.Lines().ToList();

            var onDisk = EngineSession.Load(Fresh());
            var onDiskGraph = onDisk.Bind();
            var onDiskPlan = await onDisk.PlanAsync(onDiskGraph, local, cancellationToken);
            await Time("run, state in memory: marker files only", () => RunAsync(onDisk, onDiskPlan, new MemoryStateStore(), local, options.Workers, cancellationToken));

            var sqliteOnly = EngineSession.Load(Fresh());
            var sqliteOnlyGraph = sqliteOnly.Bind();
            var sqliteOnlyPlan = await sqliteOnly.PlanAsync(sqliteOnlyGraph, memoryTargets, cancellationToken);
            await Time("run, targets in memory: SQLite only", () => RunAsync(sqliteOnly, sqliteOnlyPlan, Sqlite(sqliteOnly.Pipeline), memoryTargets, options.Workers, cancellationToken));

            var bare = new TargetStores().Add(new MemoryTargetStore());
            var barePlan = await session.PlanAsync(session.Bind(), bare, cancellationToken);
            await Time("run, state and targets in memory: Runner + TaskExecutor alone", () => RunAsync(session, barePlan, new MemoryStateStore(), bare, options.Workers, cancellationToken));

            var keys = graph.Instances.Select(i => i.Id.Key).ToList();
            var store = Sqlite(Fresh());
            await store.InitializeAsync(cancellationToken);
            var runId = await store.StartRunAsync(new RunStart(SyntheticPipeline.Workflow, "", "bench", DateTimeOffset.UtcNow), cancellationToken);
            await Time("SQLite alone: TryAcquireLeasesAsync, every key, batches of 512", () => LeaseAllAsync(store, keys, runId, cancellationToken));
            await Time("SQLite alone: RecordAttemptsAsync, 2 per key, batches of 1,000", () => RecordAllAsync(store, graph, runId, cancellationToken));
            await Time("SQLite alone: ReleaseLeasesAsync, every key, batches of 1,000", () => ReleaseAllAsync(store, keys, cancellationToken));
            var secondRun = await store.StartRunAsync(new RunStart(SyntheticPipeline.Workflow, "", "bench", DateTimeOffset.UtcNow), cancellationToken);
            await Time("SQLite alone: RecordAttemptsAsync, 1 per key: Running and Succeeded coalesced (proposed)", () => RecordAllAsync(store, graph, secondRun, cancellationToken, coalesced: true));
            await store.DisposeAsync();

            var markers = Fresh();
            await Time("disk alone: LocalTargetStore Prepare + Commit of every marker, one at a time", () => WriteMarkersAsync(markers, graph, cancellationToken));
            var inPlace = Fresh();
            await Time("disk alone: every marker created in place, no temporary file + rename (proposed)", () => Task.FromResult(MarkerWrites.InPlace(inPlace.DataFolder, graph)));
        }
        finally
        {
            foreach (var folder in folders.Where(_ => !options.Keep))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return (pieces, calls);
    }

    private static SqliteStateStore Sqlite(SyntheticPipeline pipeline) => new(pipeline.StatePath);

    private static async Task<bool> RunAsync(EngineSession session, RunPlan plan, IStateStore state, TargetStores targets, int workers, CancellationToken cancellationToken)
    {
        await using (state)
        {
            await state.InitializeAsync(cancellationToken);
            var sink = new CountingSink();
            var result = await session.RunAsync(plan, state, targets, sink, workers, cancellationToken);
            Expect(result.ExitCode == 0 && sink.Succeeded == plan.Count(PlanDecision.Run), $"run ended with exit code {result.ExitCode}, {sink.Succeeded} successes");
        }
        return true;
    }

    private static int CreateIdentities(TaskGraph graph)
    {
        var count = 0;
        foreach (var instance in graph.Instances)
        {
            count += TaskId.Create(instance.Family, instance.Id.Parameters).Key.Length > 0 ? 1 : 0;
        }
        return count;
    }

    private static async Task<int> LeaseAllAsync(IStateStore store, List<string> keys, long runId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new LeaseRequest("bench", runId, now.AddMinutes(5), now, now);
        var acquired = 0;
        foreach (var batch in keys.Chunk(512))
        {
            acquired += (await store.TryAcquireLeasesAsync(batch, request, cancellationToken)).Count(r => r.Outcome == LeaseOutcome.Acquired);
        }
        Expect(acquired == keys.Count, $"acquired {acquired} of {keys.Count} leases");
        return acquired;
    }

    private static async Task<int> RecordAllAsync(IStateStore store, TaskGraph graph, long runId, CancellationToken cancellationToken, bool coalesced = false)
    {
        var now = DateTimeOffset.UtcNow;
        var records = graph.Instances.SelectMany(i => new[]
        {
            new AttemptRecord(runId, i.Id.Key, i.Id.Text, i.Family, 1, AttemptStatus.Running, now, null, null, null),
            new AttemptRecord(runId, i.Id.Key, i.Id.Text, i.Family, 1, AttemptStatus.Succeeded, now, now, null, null),
        }.Skip(coalesced ? 1 : 0));
        foreach (var batch in records.Chunk(1_000))
        {
            await store.RecordAttemptsAsync(batch, cancellationToken);
        }
        return 0;
    }

    private static async Task<int> ReleaseAllAsync(IStateStore store, List<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(1_000))
        {
            await store.ReleaseLeasesAsync("bench", batch, cancellationToken);
        }
        return 0;
    }

    private static async Task<int> WriteMarkersAsync(SyntheticPipeline pipeline, TaskGraph graph, CancellationToken cancellationToken)
    {
        var store = new LocalTargetStore();
        foreach (var instance in graph.Instances)
        {
            foreach (var output in instance.Outputs)
            {
                // The graph's outputs live under another folder: the same names, moved under this pipeline's data folder.
                var target = output with { Location = Path.Combine(pipeline.DataFolder, Path.GetFileName(Path.GetDirectoryName(output.Location)!), Path.GetFileName(output.Location)) };
                var writtenAt = await store.PrepareAsync(target, cancellationToken);
                await store.CommitAsync(target, writtenAt, "{}", cancellationToken);
            }
        }
        return 0;
    }

    private static string Render(List<(int Instances, List<(string Piece, double Ms)> Pieces)> columns)
    {
        var text = new StringBuilder();
        text.Append("| piece | ").AppendJoin(" | ", columns.Select(c => $"{c.Instances:N0} (ms)")).Append(" | µs per instance at ").Append(columns[^1].Instances.ToString("N0", CultureInfo.InvariantCulture)).Append(" |\n");
        text.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).Append("---:|\n");
        for (var row = 0; row < columns[0].Pieces.Count; row++)
        {
            var piece = columns[0].Pieces[row].Piece;
            text.Append("| ").Append(piece).Append(" | ")
                .AppendJoin(" | ", columns.Select(c => c.Pieces[row].Ms.ToString("0", CultureInfo.InvariantCulture)))
                .Append(" | ").Append((columns[^1].Pieces[row].Ms * 1000 / columns[^1].Instances).ToString("0.0", CultureInfo.InvariantCulture)).Append(" |\n");
        }
        return text.ToString();
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"profile check failed: {problem}");
        }
    }
}
