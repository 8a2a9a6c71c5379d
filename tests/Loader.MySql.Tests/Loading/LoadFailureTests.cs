using Loader.MySql.Tests.Support;
using Loader.Running;

namespace Loader.MySql.Tests.Loading;

/// <summary>A load that fails or is cancelled at any point leaves the table and its markers exactly as they were.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class LoadFailureTests(MariaDbServer server)
{
    private const string WholeTable = """
        workflow: Whole
        parameters:
          version: string
        tasks:
          Load:
            uses: mysql.load
            with:
              source: ${config.data_dir}/rows-${version}.tsv
              columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE NOT NULL}
              keys: [PRIMARY KEY (id)]
              overwrite: true
            outputs:
              marker: {marker: "mysql://test/DB/results"}
        """;

    private static Dictionary<string, string> Version(string version) => new() { ["version"] = version };

    private static async Task<EngineProject> LoadedAsync(MariaDbServer server, string purpose)
    {
        var project = new EngineProject(server, server.NewDatabaseName(purpose)).Workflow(WholeTable);
        project.Rows("rows-old.tsv", 200);
        (await project.RunAsync("Whole", Version("old"))).Succeeded();
        return project;
    }

    private static async Task AssertUnchangedAsync(EngineProject project, IReadOnlyList<(string, string)> markers)
    {
        Assert.Equal(200, await project.CountAsync("results"));
        Assert.Equal(200, await project.CountAsync("results", "id <= 200"));
        Assert.Equal(markers, await project.MarkersAsync());
    }

    [Fact]
    public async Task A_bad_value_deep_in_the_file_fails_the_load_and_leaves_the_old_rows_and_no_new_marker()
    {
        await using var project = await LoadedAsync(server, "badvalue");
        var markers = await project.MarkersAsync();
        project.Rows("rows-new.tsv", 30_000, firstId: 1_000, badAt: 25_000);

        var result = await project.RunAsync("Whole", Version("new"));

        Assert.Equal(TaskOutcome.Failed, result.Of("Load").Outcome);
        Assert.True(result.Of("Load").Reason.Contains("Data truncated for column 'day' at row 25001", StringComparison.Ordinal), result.Of("Load").Reason);
        Assert.True(result.Of("Load").Reason.Contains("so nothing was changed", StringComparison.Ordinal), result.Of("Load").Reason);
        await AssertUnchangedAsync(project, markers);
    }

    [Fact]
    public async Task A_duplicate_key_or_a_short_line_fails_the_load_and_leaves_the_old_rows()
    {
        await using var project = await LoadedAsync(server, "dupkey");
        var markers = await project.MarkersAsync();
        project.DataFile("rows-dup.tsv", "5000\ta\t2026-01-01\n5001\tb\t2026-01-02\n5000\tc\t2026-01-03\n");
        project.DataFile("rows-short.tsv", "6000\ta\t2026-01-01\n6001\tb\n");

        var duplicate = await project.RunAsync("Whole", Version("dup"));
        var shortLine = await project.RunAsync("Whole", Version("short"));

        Assert.True(duplicate.Of("Load").Reason.Contains("Duplicate entry '5000'", StringComparison.Ordinal), duplicate.Of("Load").Reason);
        Assert.Equal(TaskOutcome.Failed, shortLine.Of("Load").Outcome);
        Assert.True(shortLine.Of("Load").Reason.Contains("Row 2 doesn't contain data for all columns", StringComparison.Ordinal), shortLine.Of("Load").Reason);
        await AssertUnchangedAsync(project, markers);
    }

    [Fact]
    public async Task Cancelling_a_load_midway_rolls_it_back()
    {
        await using var project = await LoadedAsync(server, "cancel");
        var markers = await project.MarkersAsync();
        project.Rows("rows-big.tsv", 2_000_000, firstId: 1_000);
        using var cancel = new CancellationTokenSource();

        var run = project.RunAsync("Whole", Version("big"), cancel.Token);
        await server.WaitForLoadMidwayAsync(TimeSpan.FromMilliseconds(300), () => run.IsCompleted ? run.Result.Of("Load").ToString() : null);
        await cancel.CancelAsync();
        var result = await run;

        Assert.Equal(TaskOutcome.Cancelled, result.Of("Load").Outcome);
        await AssertUnchangedAsync(project, markers);
        await server.WaitForRollbackAsync();
        await AssertUnchangedAsync(project, markers);
    }

}
