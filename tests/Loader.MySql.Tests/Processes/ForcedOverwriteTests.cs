using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Processes;

/// <summary>
/// A task overwritten by <c>--force</c> keeps its rows and marker row until its new load commits: a failed load, or a
/// <c>loader</c> killed with <c>kill -9</c> mid-load, leaves them as they were, and the rerun replaces them.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ForcedOverwriteTests(MariaDbServer server)
{
    // 'source' is not significant: every version is the same task, with the same marker row.
    private const string Results = """
        workflow: Results
        parameters:
          source: {type: string, default: data/rows-old.tsv, significant: false}
        tasks:
          Load:
            uses: mysql.load
            with:
              source: ${source}
              columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE NOT NULL}
              keys: [PRIMARY KEY (id)]
              overwrite: true
              partition: day >= '2026-01-01'
            outputs:
              marker: {marker: "mysql://test/DB/results"}
        """;

    // The same load without overwrite: it only adds rows.
    private const string Adding = """
        workflow: Results
        parameters:
          source: {type: string, default: data/rows-old.tsv, significant: false}
        tasks:
          Load:
            uses: mysql.load
            with:
              source: ${source}
              columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE NOT NULL}
              keys: [PRIMARY KEY (id)]
            outputs:
              marker: {marker: "mysql://test/DB/results"}
        """;

    [Fact]
    public async Task A_forced_overwrite_whose_load_fails_keeps_the_old_rows_and_marker_and_says_so()
    {
        using var folder = await LoadedAsync("failed");
        File.WriteAllText(folder.PathOf("data/rows-bad.tsv"), "5000\tok\t2026-01-02\nnot-a-number\tbad\t2026-01-03\n");
        var before = await MarkersAsync(folder.Database);

        var (exit, output) = await folder.RunAsync("run", "Results", "--source", "data/rows-bad.tsv", "--force", "Load");

        Assert.True(exit == 30, output);
        Assert.Contains("its previous outputs were kept", output, StringComparison.Ordinal);
        Assert.Equal(1_000, await CountAsync(folder.Database));
        Assert.Equal(before, await MarkersAsync(folder.Database));
    }

    [Fact]
    public async Task A_forced_overwrite_of_a_load_that_only_adds_rows_is_refused_and_changes_nothing()
    {
        using var folder = await LoadedAsync("adding", Adding);
        folder.Rows("data/rows-new.tsv", 10, firstId: 5_000);
        var before = await MarkersAsync(folder.Database);

        var (exit, output) = await folder.RunAsync("run", "Results", "--source", "data/rows-new.tsv", "--force", "Load");

        Assert.True(exit == 30, output);
        Assert.Contains("already has the marker of this task", output, StringComparison.Ordinal);
        Assert.Contains("set overwrite: true", output, StringComparison.Ordinal);
        Assert.Equal(1_000, await CountAsync(folder.Database));
        Assert.Equal(before, await MarkersAsync(folder.Database));
    }

    [Fact]
    public async Task Killing_a_forced_overwrite_mid_load_keeps_the_old_rows_and_marker_and_the_rerun_replaces_them()
    {
        using var folder = await LoadedAsync("killed");
        folder.Rows("data/rows-new.tsv", 2_000_000, firstId: 1_000_000);
        var before = await MarkersAsync(folder.Database);

        var loading = folder.Start("run", "Results", "--source", "data/rows-new.tsv", "--force", "Load");
        await server.WaitForLoadMidwayAsync(TimeSpan.FromMilliseconds(300), () => loading.HasExited ? loading.ToString() : null);
        loading.Kill();
        await loading.WaitAsync(TimeSpan.FromSeconds(30));
        await server.WaitForRollbackAsync();

        Assert.Equal(1_000, await CountAsync(folder.Database));
        Assert.Equal(before, await MarkersAsync(folder.Database));

        var (exit, output) = await folder.RunAsync("run", "Results", "--source", "data/rows-new.tsv", "--force", "Load");

        Assert.True(exit == 0, output);
        Assert.Equal(2_000_000, await CountAsync(folder.Database));
        Assert.Equal(0, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{folder.Database}`.results WHERE id < 1000000"));
        Assert.Equal(before, await MarkersAsync(folder.Database));
    }

    /// <summary>A project whose task has loaded 1,000 rows of <c>data/rows-old.tsv</c>.</summary>
    private async Task<ProjectFolder> LoadedAsync(string purpose, string workflow = Results)
    {
        var folder = new ProjectFolder(server, server.NewDatabaseName(purpose), "  sqlite: .loader/state.db\n  lease_ttl: 2s").Workflow("results.yml", workflow);
        folder.Rows("data/rows-old.tsv", 1_000);
        var (exit, output) = await folder.RunAsync("run", "Results");
        Assert.True(exit == 0, output);
        return folder;
    }

    private Task<long> CountAsync(string database) => server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{database}`.results");

    /// <summary>The marker rows: the same update_id before and after an overwrite, as it is the same task.</summary>
    private async Task<string[]> MarkersAsync(string database) =>
        (await server.RowsAsync($"SELECT update_id, target_table FROM `{database}`.table_updates ORDER BY update_id")).Select(r => $"{r[0]} {r[1]}").ToArray();

}
