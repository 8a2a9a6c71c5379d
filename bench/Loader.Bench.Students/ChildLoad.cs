using System.Diagnostics;
using System.Text.Json;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Students;
using Microsoft.Extensions.Configuration;

namespace Loader.Bench.Students;

/// <summary>
/// The measured side: one <c>students.load</c> step run in a process of its own, exactly as the runner calls it, which then
/// prints its timings and its peak working set as one JSON line.
/// </summary>
internal static class ChildLoad
{
    public static async Task<int> RunAsync(string file, Uri art, string folder, int chunk, int concurrency, bool dryRun)
    {
        Directory.CreateDirectory(folder);
        var statePath = Path.Combine(folder, "state.db");
        File.Delete(statePath);
        await using var state = new SqliteStateStore(statePath);
        await state.InitializeAsync(CancellationToken.None);
        await using var log = new TaskLog(Path.Combine(folder, "load.log"), SecretMasker.None);
        var config = new Dictionary<string, string?>
        {
            ["art:auth_endpoint"] = new Uri(art, "token").ToString(),
            ["art:endpoint"] = new Uri(art, "batch").ToString(),
            ["art:client_id"] = "bench",
            ["art:client_secret"] = "bench-secret",
            ["art:username"] = "bench",
            ["art:password"] = "bench-password",
            ["art:chunk_size"] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["art:concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["students:rejects"] = Path.Combine(folder, "rejects"),
        };
        var step = new StudentLoadStep();
        var context = new StepContext
        {
            Task = null!,
            Attempt = 1,
            RunId = 1,
            Inputs = new Dictionary<string, object> { ["file"] = file, ["dry_run"] = dryRun ? "true" : "false" },
            Outputs = new Dictionary<string, string>(),
            Log = log,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build(),
            State = state,
            Clock = TimeProvider.System,
            Progress = line => Console.Error.WriteLine(line),
            Step = step.Descriptor,
        };
        var clock = Stopwatch.StartNew();
        await step.RunAsync(context, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new ChildResult(
            (long)context.Counts["students"],
            (long)context.Counts["posted"],
            (long)context.Counts["rejected"],
            (long)context.Counts["batches"],
            seconds,
            self.PeakWorkingSet64,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2))));
        return 0;
    }
}

/// <summary>What a child reports.</summary>
internal sealed record ChildResult(long Students, long Posted, long Rejected, long Batches, double Seconds, long PeakWorkingSet, int Gen0, int Gen1, int Gen2);
