using System.Diagnostics;
using System.Globalization;
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
    public const string Command = "child";

    /// <summary>Starts the child on <paramref name="file"/> and waits for its report; also returns the process's wall time.</summary>
    public static async Task<(ChildResult Result, double ProcessSeconds)> LaunchAsync(
        string file, Uri art, string folder, int chunk, int concurrency, bool dryRun, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        // The runtime setting the loader ships with (src/Loader.Cli/Loader.Cli.csproj), so the child runs as `loader run` would.
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        foreach (var argument in new[] { typeof(ChildLoad).Assembly.Location, Command, file, art.ToString(), folder, Invariant(chunk), Invariant(concurrency), dryRun ? "dry" : "post" })
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (child.ExitCode != 0)
        {
            throw new BenchFailure($"the students.load child failed with exit code {child.ExitCode}: {output}");
        }
        return (JsonSerializer.Deserialize<ChildResult>(output.Trim().Split('\n')[^1])!, seconds);
    }

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
            ["art:chunk_size"] = Invariant(chunk),
            ["art:concurrency"] = Invariant(concurrency),
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
            (long)context.Counts["read"],
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a child reports.</summary>
internal sealed record ChildResult(long Students, long Posted, long Rejected, long Batches, double Seconds, long PeakWorkingSet, int Gen0, int Gen1, int Gen2);
