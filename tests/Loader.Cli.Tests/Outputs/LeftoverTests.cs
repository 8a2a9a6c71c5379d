using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Outputs;

/// <summary>What a dead attempt left beside its outputs (temporary files and folders) is removed by the next run of its task.</summary>
public sealed class LeftoverTests
{
    private const string Workflow = """
        workflow: Writer
        tasks:
          Write:
            uses: shell
            with:
              command: echo whole > "${outputs.file}"; mkdir -p "${outputs.folder}"; echo part > "${outputs.folder}/part.txt"
            outputs:
              file: out/data.txt
              folder: {folder: out/table}
              marker: {marker: out/write.done}
        """;

    [Fact]
    public async Task The_next_run_of_a_task_removes_the_temporary_outputs_of_its_dead_attempts_and_nothing_else()
    {
        using var folder = WorkFolder.Create()
            .WithWorkflow("writer.yml", Workflow)
            .WithFile("out/.data.txt.tmp-0badc0de", "half")
            .WithFile("out/.table.tmp-1234abcd/part.txt", "half")
            .WithFile("out/.write.done.tmp-deadbeef", "{")
            .WithFile("out/.other.txt.tmp-00000000", "another task's")
            .WithFile("out/.data.txt.tmp-notmine", "not a temporary name");

        (await folder.RunAsync("run", "Writer")).ExitsWith(0);

        Assert.Equal(
            [".data.txt.tmp-notmine", ".other.txt.tmp-00000000", "data.txt", "table", "write.done"],
            Directory.EnumerateFileSystemEntries(folder.Path("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("whole\n", File.ReadAllText(folder.Path("out/data.txt")));
        Assert.Equal(["part.txt"], Directory.EnumerateFileSystemEntries(folder.Path("out/table")).Select(Path.GetFileName));
    }
}
