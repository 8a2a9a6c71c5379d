using Loader.Engine.Tests.TestSupport;
using Loader.Planning;
using Loader.Running;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Running;

/// <summary>An overwrite writes apart and swaps its outputs in only when it succeeds: a failure keeps the previous ones whole.</summary>
public sealed class OverwriteTests : IAsyncLifetime
{
    private const string Day = "2026-01-05";

    /// <summary>One task writing a file, a folder and a _SUCCESS flag folder; version 'broken' fails after writing them all.</summary>
    private const string Outputs = """
        workflow: Outputs
        parameters:
          interval: interval
          version: {type: string, default: old, significant: false}
        tasks:
          Day:
            per_day: interval
            uses: shell
            with:
              command: |
                [ -z "$(ls -A "${outputs.folder}")" ] && [ -z "$(ls -A "${outputs.partition}")" ] || { echo "an output folder is not empty"; exit 3; }
                printf '${version} ${date}\n' > "${outputs.file}"
                printf '${version}\n' > "${outputs.folder}/part-${version}.csv"
                printf '${version}\n' > "${outputs.partition}/part-${version}.csv"
                [ "${version}" != broken ] || { echo "broken on purpose"; exit 4; }
            outputs:
              file: ${config.data_dir}/out/${date}.txt
              folder: {folder: "${config.data_dir}/export/${date}"}
              partition: ${config.data_dir}/warehouse/dt=${date}/
        """;

    private readonly RunHarness _harness = new();

    private Sandbox Sandbox => _harness.Sandbox;

    public async Task InitializeAsync()
    {
        Sandbox.WriteWorkflow("outputs.yml", Outputs);
        Assert.Equal(ExitCodes.Success, (await RunAsync("old")).ExitCode);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_failed_overwrite_keeps_the_previous_file_folder_and_flag_folder_whole_and_says_so()
    {
        var failed = await RunAsync("broken", forced: true);

        Assert.Equal(ExitCodes.TaskFailed, failed.ExitCode);
        var (outcome, reason) = Assert.Single(failed.Outcomes).Value;
        Assert.Equal(TaskOutcome.Failed, outcome);
        Assert.Contains("command exited with code 4", reason, StringComparison.Ordinal);
        Assert.EndsWith("; its previous outputs were kept", reason, StringComparison.Ordinal);
        AssertVersion("old");
        Assert.All((await _harness.PlanAsync("Outputs", Args(("interval", Day)))).Entries, e => Assert.False(e.WillRun));
    }

    [Fact]
    public async Task A_successful_overwrite_replaces_every_output_with_what_the_new_attempt_wrote_into_empty_folders()
    {
        var replaced = await RunAsync("new", forced: true);

        Assert.Equal(ExitCodes.Success, replaced.ExitCode);
        AssertVersion("new");
    }

    [Fact]
    public async Task A_failed_first_run_is_not_said_to_keep_anything()
    {
        var failed = await _harness.RunAsync("Outputs", Args(("interval", "2026-01-06"), ("version", "broken")));

        var reason = Assert.Single(failed.Outcomes).Value.Reason;
        Assert.Contains("command exited with code 4", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("previous", reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Sandbox.Data, "out", "2026-01-06.txt")));
    }

    private async Task<RunResult> RunAsync(string version, bool forced = false)
    {
        var plan = await _harness.PlanAsync("Outputs", Args(("interval", Day), ("version", version)), forced ? [ForceSpec.Parse("Day")] : []);
        return await _harness.Runner(await _harness.OpenStateAsync()).RunAsync(plan, CancellationToken.None);
    }

    /// <summary>Every output holds what <paramref name="version"/> wrote and nothing else; no staging is left beside them.</summary>
    private void AssertVersion(string version)
    {
        Assert.Equal([$"{version} {Day}"], _harness.Lines(Path.Combine("out", $"{Day}.txt")));
        Assert.Equal([$"part-{version}.csv"], Entries("export", Day));
        Assert.Equal(["_SUCCESS", $"part-{version}.csv"], Entries("warehouse", $"dt={Day}"));
        Assert.Equal([version], _harness.Lines(Path.Combine("warehouse", $"dt={Day}", $"part-{version}.csv")));
        Assert.Equal([$"{Day}.txt"], Entries("out"));
        Assert.Equal([Day], Entries("export"));
        Assert.Equal([$"dt={Day}"], Entries("warehouse"));
    }

    private string[] Entries(params string[] folder) =>
        Directory.EnumerateFileSystemEntries(Path.Combine([Sandbox.Data, .. folder])).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToArray();
}
