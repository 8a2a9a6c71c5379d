using Loader.Cli.Tests.Infrastructure;
using Loader.Emr.Tests.Support;

namespace Loader.Emr.Tests;

/// <summary>The built <c>loader</c> against the stand-in: <c>loader emr up|status|down</c>, and <c>loader run</c> of a workflow with <c>runs_on: emr</c>.</summary>
public sealed class EmrCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loader-emr-cli", Guid.NewGuid().ToString("N"));
    private FakeEmr _emr = null!;

    public async Task InitializeAsync()
    {
        _emr = await FakeEmr.StartAsync();
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        Directory.CreateDirectory(Path.Combine(_root, "config", "emr"));
        await File.WriteAllTextAsync(Path.Combine(_root, "config", "default.yml"), "data_dir: data\nstate:\n  sqlite: .loader/state.db\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "config", "emr", "cluster.yml"), """
            name: nightly
            release_label: emr-7.5.0
            applications: [Spark, Hive]
            instance_groups:
              master: {num_instances: 1, type: m5.xlarge}
              core: {num_instances: 2, type: m5.xlarge, market: SPOT, bidprice: "0.10"}
            """);
    }

    public async Task DisposeAsync()
    {
        await _emr.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<LoaderResult> LoaderAsync(IReadOnlyDictionary<string, string>? extra, params string[] arguments)
    {
        var environment = _emr.ConfigurationKeys.ToDictionary(e => "LOADER_" + e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        using var process = LoaderProcess.Start(_root, arguments, environment);
        return await process.WaitAsync(Limit);
    }

    [Fact]
    public async Task Up_status_and_down_manage_the_cluster_the_cluster_file_describes()
    {
        var up = (await LoaderAsync(null, "emr", "up")).ExitsWith(0).Says("created cluster j-").Says(": WAITING");
        var id = up.Stdout.Trim();
        Assert.StartsWith("j-", id, StringComparison.Ordinal);

        (await LoaderAsync(null, "emr", "up")).ExitsWith(0).Says($"reusing cluster {id}").Prints(id);
        (await LoaderAsync(null, "emr", "status")).ExitsWith(0).Prints(id).Prints("nightly").Prints("WAITING");
        (await LoaderAsync(null, "emr", "status", "nightly")).ExitsWith(0).Prints(id);
        (await LoaderAsync(null, "emr", "down", "nightly")).ExitsWith(0).Prints($"terminating {id}");
        Assert.Contains(_emr.ClusterState(id), new[] { "TERMINATING", "TERMINATED" });
        (await LoaderAsync(null, "emr", "status", "nightly")).ExitsWith(2).Says("no alive EMR cluster is named 'nightly'");
    }

    [Fact]
    public async Task A_run_with_an_emr_task_brings_the_cluster_up_runs_the_step_there_and_tears_the_cluster_down()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "spark.yml"), """
            workflow: Spark
            parameters:
              date: date
            tasks:
              Aggregate:
                runs_on: emr
                uses: emr.step
                with:
                  name: aggregate ${date}
                  args: [bash, -c, "echo rows for ${date} > {output:result}"]
                outputs: {result: "${config.data_dir}/aggregate/${date}.txt"}
              Publish:
                requires: Aggregate
                uses: shell
                with: {command: "cp ${tasks.Aggregate.outputs.result} ${outputs.out}"}
                outputs: {out: "${config.data_dir}/published/${date}.txt"}
            """);

        var run = (await LoaderAsync(new Dictionary<string, string> { ["LOADER_emr__terminate"] = "true" }, "run", "Spark", "--date", "2026-01-19"))
            .ExitsWith(0).Prints("created cluster j-").Prints(": WAITING").Prints("terminating cluster j-");

        Assert.Equal("rows for 2026-01-19\n", await File.ReadAllTextAsync(Path.Combine(_root, "data", "published", "2026-01-19.txt")));
        Assert.DoesNotContain(FakeEmr.SecretKey, run.Output, StringComparison.Ordinal);
        (await LoaderAsync(null, "validate")).ExitsWith(0);
    }
}
