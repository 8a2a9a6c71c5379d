using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Processes;

/// <summary>A <c>loader</c> killed with <c>kill -9</c> in the middle of an overwriting load changes nothing; the next run loads.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class KillDuringLoadTests(MariaDbServer server)
{
    private const string Results = """
        workflow: Results
        parameters:
          version: string
        tasks:
          Load:
            uses: mysql.load
            with:
              source: data/rows-${version}.tsv
              columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE NOT NULL}
              keys: [PRIMARY KEY (id)]
              overwrite: true
            outputs:
              marker: {marker: "mysql://test/DB/results"}
        """;

    [Fact]
    public async Task Killing_the_loader_mid_load_keeps_the_old_rows_and_no_new_marker_and_the_rerun_succeeds()
    {
        using var folder = new ProjectFolder(server, server.NewDatabaseName("kill"), "  sqlite: .loader/state.db\n  lease_ttl: 2s").Workflow("results.yml", Results);
        folder.Rows("data/rows-old.tsv", 1_000);
        folder.Rows("data/rows-new.tsv", 2_000_000, firstId: 1_000_000);
        var old = await folder.RunAsync("run", "Results", "--version", "old");
        Assert.True(old.ExitCode == 0, old.Output);
        var oldMarkers = await MarkersAsync(folder.Database);

        var loading = folder.Start("run", "Results", "--version", "new");
        await server.WaitForLoadMidwayAsync(TimeSpan.FromMilliseconds(300), () => loading.HasExited ? loading.ToString() : null);
        loading.Kill();
        await loading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1_000, await CountAsync(folder.Database, "1 = 1"));
        Assert.Equal(oldMarkers, await MarkersAsync(folder.Database));
        await server.WaitForRollbackAsync();
        Assert.Equal(1_000, await CountAsync(folder.Database, "id < 1000000"));
        Assert.Equal(1_000, await CountAsync(folder.Database, "1 = 1"));
        Assert.Equal(oldMarkers, await MarkersAsync(folder.Database));

        var rerun = await folder.RunAsync("run", "Results", "--version", "new");

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(2_000_000, await CountAsync(folder.Database, "1 = 1"));
        var marker = Assert.Single(await MarkersAsync(folder.Database));
        Assert.DoesNotContain(marker, oldMarkers);
    }

    private Task<long> CountAsync(string database, string where) =>
        server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{database}`.results WHERE {where}");

    private async Task<string[]> MarkersAsync(string database) =>
        (await server.RowsAsync($"SELECT update_id, target_table FROM `{database}`.table_updates ORDER BY update_id")).Select(r => $"{r[0]} {r[1]}").ToArray();

}
