using System.Diagnostics;
using Loader.Cli.Tests.Infrastructure;
using Loader.Running;
using Loader.S3.Tests.Support;

namespace Loader.S3.Tests.Running;

/// <summary>
/// An overwrite of S3 outputs (a flag prefix, an object, a marker object) changes nothing on S3 until its attempt
/// succeeds: a failed attempt, or a runner killed with <c>kill -9</c>, leaves the old objects and flag; the next run
/// in the overwrite window replaces them.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class OverwriteTests(S3rverServer server)
{
    private const string Day = "2026-01-05";

    // 'slow' waits after writing its staging, for the kill; 'broken' fails after writing it.
    private static string Workflow(string bucket) => $$"""
        workflow: Partitions
        parameters:
          interval: interval
          version: {type: string, default: old, significant: false}
        tasks:
          Load:
            per_day: interval
            overwrite_n_days: 1
            uses: shell
            with:
              command: |
                printf '${version}\n' > "${outputs.partition}/part-0.csv"
                [ "${version}" != old ] || printf 'old\n' > "${outputs.partition}/part-1.csv"
                printf '${version}\n' > "${outputs.object}"
                echo $$ > "${config.data_dir}/step-${version}.pid"
                [ "${version}" != slow ] || exec sleep 60
                [ "${version}" != broken ] || exit 4
            outputs:
              partition: s3://{{bucket}}/warehouse/dt=${date}/
              object: s3://{{bucket}}/extracts/${date}.csv
              done: {marker: "s3://{{bucket}}/markers/${task.key}.json"}
        """;

    [Fact]
    public async Task A_failed_overwrite_leaves_the_old_prefix_object_and_marker_and_says_so()
    {
        var bucket = await server.CreateBucketAsync();
        await using var harness = new EngineHarness(server);
        harness.WriteWorkflow("partitions.yml", Workflow(bucket));
        var first = await harness.RunAsync("Partitions", Arguments("old"));
        Assert.True(first.ExitCode == ExitCodes.Success, string.Join(Environment.NewLine, harness.Failures));
        var before = await SnapshotAsync(bucket);

        var failed = await harness.RunAsync("Partitions", Arguments("broken"));

        Assert.Equal(ExitCodes.TaskFailed, failed.ExitCode);
        Assert.EndsWith("; its previous outputs were kept", Assert.Single(failed.Outcomes).Value.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(bucket));
        AssertOld(before);
    }

    [Fact]
    public async Task A_runner_killed_mid_overwrite_leaves_the_old_objects_and_the_rerun_replaces_them()
    {
        var bucket = await server.CreateBucketAsync();
        var root = Path.Combine(server.Folder, "projects", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.WriteAllText(Path.Combine(root, "workflows", "partitions.yml"), Workflow(bucket));
        var environment = server.ConfigurationKeys.ToDictionary(e => "LOADER_" + e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);
        environment["LOADER_data_dir"] = root;
        environment["LOADER_state__lease_ttl"] = "2s";
        (await RunAsync(root, environment, "old")).ExitsWith(0);
        var before = await SnapshotAsync(bucket);

        using var slow = LoaderProcess.Start(root, ["run", "Partitions", "--interval", Day, "--version", "slow"], environment);
        var pidFile = Path.Combine(root, "step-slow.pid");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            if (slow.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"the overwrite ended or stalled before it could be killed.\n{await slow.WaitAsync(TimeSpan.FromSeconds(30))}");
            }
            await Task.Delay(20);
        }
        slow.Kill();
        StopStep(pidFile);
        var killed = await slow.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(killed.ExitCode != 0, $"the overwrite was expected to die from kill -9.\n{killed}");
        Assert.Equal(before, await SnapshotAsync(bucket));

        (await RunAsync(root, environment, "new")).ExitsWith(0);

        var after = await SnapshotAsync(bucket);
        Assert.Equal(
            before.Keys.Where(k => !k.EndsWith("part-1.csv", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            after.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("new\n", after[$"warehouse/dt={Day}/part-0.csv"]);
        Assert.Equal("new\n", after[$"extracts/{Day}.csv"]);
    }

    private static Dictionary<string, string> Arguments(string version) => new() { ["interval"] = Day, ["version"] = version };

    private static Task<LoaderResult> RunAsync(string root, IReadOnlyDictionary<string, string> environment, string version)
    {
        var process = LoaderProcess.Start(root, ["run", "Partitions", "--interval", Day, "--version", version], environment);
        return process.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Every object of the bucket with its content.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync(string bucket)
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in await server.KeysAsync(bucket))
        {
            objects[key] = await server.ReadAsync(bucket, key);
        }
        return objects;
    }

    private static void AssertOld(Dictionary<string, string> objects)
    {
        Assert.Equal("old\n", objects[$"warehouse/dt={Day}/part-0.csv"]);
        Assert.Equal("old\n", objects[$"warehouse/dt={Day}/part-1.csv"]);
        Assert.Equal("", objects[$"warehouse/dt={Day}/_SUCCESS"]);
        Assert.Equal("old\n", objects[$"extracts/{Day}.csv"]);
        Assert.Single(objects.Keys, k => k.StartsWith("markers/", StringComparison.Ordinal));
    }

    /// <summary>Ends the killed runner's step if it outlived its runner (its own pid, written by the step).</summary>
    private static void StopStep(string pidFile)
    {
        try
        {
            using var step = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
            if (step.ProcessName == "sleep")
            {
                step.Kill();
            }
        }
        catch (ArgumentException)
        {
            // It died with its runner.
        }
    }
}
