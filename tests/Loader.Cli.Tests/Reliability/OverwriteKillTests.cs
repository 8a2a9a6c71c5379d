using System.Diagnostics;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>
/// An overwrite that fails, or whose runner is killed with <c>kill -9</c>, leaves the previous file, folder and
/// <c>_SUCCESS</c> folder whole; the next run in the overwrite window replaces them.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class OverwriteKillTests
{
    private const string Day = "2026-01-05";

    // 'slow' waits after writing everything, for the kill; 'broken' fails after writing everything.
    private const string Partitions = """
        workflow: Partitions
        parameters:
          interval: interval
          version: {type: string, default: old, significant: false}
        tasks:
          Day:
            per_day: interval
            overwrite_n_days: 1
            uses: shell
            with:
              command: |
                printf '${version}\n' > "${outputs.file}"
                printf '${version}\n' > "${outputs.folder}/part-0.csv"
                printf '${version}\n' > "${outputs.partition}/part-0.csv"
                echo $$ > step-${version}.pid
                [ "${version}" != slow ] || exec sleep 60
                [ "${version}" != broken ] || exit 4
            outputs:
              file: out/${date}.txt
              folder: {folder: "export/${date}"}
              partition: warehouse/dt=${date}/
        """;

    [Fact]
    public async Task A_failed_overwrite_keeps_the_previous_outputs_and_says_so()
    {
        using var folder = WorkFolder.Create().WithWorkflow("partitions.yml", Partitions);
        (await folder.RunAsync("run", "Partitions", "--interval", Day)).ExitsWith(0);

        var failed = await folder.RunAsync("run", "Partitions", "--interval", Day, "--version", "broken");

        failed.ExitsWith(30);
        Assert.Contains("its previous outputs were kept", failed.Output, StringComparison.Ordinal);
        AssertOutputs(folder, "old");
    }

    [Fact]
    public async Task A_runner_killed_mid_overwrite_leaves_the_previous_outputs_whole_and_the_rerun_replaces_them()
    {
        using var folder = WorkFolder.Create().WithWorkflow("partitions.yml", Partitions);
        (await folder.RunAsync("run", "Partitions", "--interval", Day)).ExitsWith(0);

        var slow = folder.Start("run", "Partitions", "--interval", Day, "--version", "slow");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(folder.Path("step-slow.pid")) || File.ReadAllText(folder.Path("step-slow.pid")).Trim().Length == 0)
        {
            if (slow.HasExited)
            {
                Assert.Fail($"the overwrite ended before it could be killed.\n{await slow.WaitAsync(TimeSpan.FromSeconds(30))}");
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the overwrite never started its step");
            await Task.Delay(20);
        }
        slow.Kill();
        StopStep(folder.Path("step-slow.pid"));
        var killed = await slow.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(killed.ExitCode != 0, $"the overwrite was expected to die from kill -9.\n{killed}");
        AssertOutputs(folder, "old");

        var rerun = await folder.RunAsync("run", "Partitions", "--interval", Day, "--version", "new");

        rerun.ExitsWith(0);
        AssertOutputs(folder, "new");
    }

    /// <summary>Every output holds what <paramref name="version"/> wrote, whole; temporary <c>.NAME.tmp-*</c> entries are not outputs.</summary>
    private static void AssertOutputs(WorkFolder folder, string version)
    {
        Assert.Equal([version], folder.Lines($"out/{Day}.txt"));
        Assert.Equal(["part-0.csv"], Names(folder.Path($"export/{Day}")));
        Assert.Equal([version], folder.Lines($"export/{Day}/part-0.csv"));
        Assert.Equal(["_SUCCESS", "part-0.csv"], Names(folder.Path($"warehouse/dt={Day}")));
        Assert.Equal([version], folder.Lines($"warehouse/dt={Day}/part-0.csv"));
        Assert.Equal([$"dt={Day}"], Names(folder.Path("warehouse")).Where(n => !n.StartsWith('.')));
    }

    private static string[] Names(string path) =>
        Directory.EnumerateFileSystemEntries(path).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToArray();

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
