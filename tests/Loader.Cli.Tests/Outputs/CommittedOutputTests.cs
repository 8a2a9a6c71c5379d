using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Outputs;

/// <summary>What a run leaves under an output's final name: only what a successful attempt wrote, in the form other tools read.</summary>
public sealed class CommittedOutputTests
{
    // The first attempt writes into its partition and fails; the retry writes only part-0.csv and succeeds.
    private const string Partition = """
        workflow: Partition
        tasks:
          Load:
            uses: shell
            with:
              command: |
                if [ -e first-attempt-failed ]; then
                  echo good > "${outputs.partition}/part-0.csv"
                else
                  touch first-attempt-failed
                  echo half > "${outputs.partition}/part-0.csv"
                  echo stale > "${outputs.partition}/part-1.csv"
                  exit 1
                fi
            outputs:
              partition: out/dt=2026-01-01/
            retry: {attempts: 2, delay: 100ms}
        """;

    [Fact]
    public async Task A_failed_attempt_leaves_no_file_under_the_output_name()
    {
        using var folder = WorkFolder.Create().WithWorkflow("half.yml", """
            workflow: Half
            tasks:
              Write:
                uses: shell
                with:
                  command: echo half > "${outputs.out}"; exit 1
                outputs:
                  out: out/whole.txt
            """);

        (await folder.RunAsync("run", "Half")).ExitsWith(30);

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path("out")));
    }

    [Fact]
    public async Task A_flag_partition_holds_only_what_the_successful_attempt_wrote()
    {
        using var folder = WorkFolder.Create().WithWorkflow("partition.yml", Partition);

        (await folder.RunAsync("run", "Partition")).ExitsWith(0);

        Assert.Equal(["_SUCCESS", "part-0.csv"], Directory.EnumerateFiles(folder.Path("out/dt=2026-01-01")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("good\n", File.ReadAllText(folder.Path("out/dt=2026-01-01/part-0.csv")));
    }

    [Fact]
    public async Task The_success_flag_is_an_empty_file()
    {
        using var folder = WorkFolder.Create().WithWorkflow("partition.yml", Partition);

        (await folder.RunAsync("run", "Partition")).ExitsWith(0);

        Assert.Equal(0, new FileInfo(folder.Path("out/dt=2026-01-01/_SUCCESS")).Length);
    }

    [Fact]
    public async Task A_marker_is_plain_json_naming_its_task_and_run()
    {
        using var folder = WorkFolder.Create().WithWorkflow("marked.yml", """
            workflow: Marked
            tasks:
              Mark:
                uses: noop
                outputs:
                  done: {marker: out/mark.json}
            """);

        var run = (await folder.RunAsync("run", "Marked")).ExitsWith(0).RunId();

        var bytes = File.ReadAllBytes(folder.Path("out/mark.json"));
        Assert.Equal((byte)'{', bytes[0]);
        using var marker = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.Equal("Mark()", marker.RootElement.GetProperty("task").GetString());
        Assert.Equal(run, marker.RootElement.GetProperty("run").GetInt64());
    }
}
