using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Processes;

/// <summary>Two <c>loader run</c> processes sharing the MariaDB state store split a 30-day workflow: every task runs exactly once, and each runner runs at least a third of them.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class SharedStateRunnerTests(MariaDbServer server)
{
    // Each Extract appends a line to its counter file; each Load appends rows and its marker, so a second
    // execution of a Load would fail on its marker's primary key; the Summary counts what the Loads left.
    private const string Monthly = """
        workflow: Monthly
        parameters:
          interval: interval
        tasks:
          Extract:
            per_day: interval
            uses: shell
            with:
              command: |
                echo "$$" >> counters/Extract-${date}.txt
                sleep 0.4
                printf '%s\t1\n%s\t2\n' ${date} ${date} > "${outputs.rows}"
            outputs:
              rows: out/extract/${date}.tsv
          Load:
            per_day: interval
            requires: [Extract]
            uses: mysql.load
            with:
              source: ${tasks.Extract.outputs.rows}
              columns: {day: DATE NOT NULL, n: INT NOT NULL}
            outputs:
              marker: {marker: "mysql://test/DB/daily"}
          Summary:
            requires: [Load]
            uses: mysql.query
            with:
              sql: INSERT INTO DB.summary (days, total, loads) SELECT COUNT(DISTINCT day), SUM(n), COUNT(*) FROM DB.daily
              columns: {days: INT NOT NULL, total: INT NOT NULL, loads: INT NOT NULL}
              overwrite: true
            outputs:
              marker: {marker: "mysql://test/DB/summary"}
        """;

    [Fact]
    public async Task Two_runners_sharing_the_mariadb_state_store_run_every_task_exactly_once()
    {
        var state = server.NewDatabaseName("shared_state");
        using var folder = new ProjectFolder(server, server.NewDatabaseName("monthly"), $"  mysql: {server.CredentialsPath}\n  database: {state}\n  lease_ttl: 10s")
            .Workflow("monthly.yml", Monthly);
        Directory.CreateDirectory(folder.PathOf("counters"));
        var days = Enumerable.Range(0, 30).Select(d => new DateOnly(2026, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var one = folder.Start("run", "Monthly", "--interval", "2026-01-01-2026-01-31");
        var other = folder.Start("run", "Monthly", "--interval", "2026-01-01-2026-01-31");
        var exits = await Task.WhenAll(one.WaitAsync(ProjectFolder.CommandTimeout), other.WaitAsync(ProjectFolder.CommandTimeout));

        Assert.True(exits.All(e => e == 0), $"{one}\n{other}");
        Assert.All(days, day => Assert.True(folder.Lines($"counters/Extract-{day}.txt").Count == 1, $"Extract {day} ran {folder.Lines($"counters/Extract-{day}.txt").Count} times"));
        var summary = Assert.Single(await server.RowsAsync($"SELECT days, total, loads FROM `{folder.Database}`.summary"));
        Assert.Equal("30 90 60", string.Join(" ", summary));
        Assert.Equal(31, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{folder.Database}`.table_updates"));

        // Every task instance succeeded exactly once across both runs, and nothing failed.
        var attempts = await server.RowsAsync($"SELECT task_key, status, run_id FROM `{state}`.attempts");
        var succeeded = attempts.Where(a => a[1] == "succeeded").GroupBy(a => a[0]).ToList();
        Assert.Equal(61, succeeded.Count);
        Assert.All(succeeded, g => Assert.Single(g));
        Assert.DoesNotContain(attempts, a => a[1] == "failed");
        var perRun = attempts.Where(a => a[1] == "succeeded").GroupBy(a => a[2]).Select(g => g.Count()).ToList();
        Assert.True(perRun.Count == 2 && perRun.Min() >= 61 / 3, $"the runners ran {string.Join(" and ", perRun)} of 61 tasks: one mostly waited for the other");
        var runs = await server.RowsAsync($"SELECT started, finished FROM `{state}`.runs WHERE status = 'succeeded'");
        Assert.Equal(2, runs.Count);
        Assert.True(long.Parse(runs[0][0]!) < long.Parse(runs[1][1]!) && long.Parse(runs[1][0]!) < long.Parse(runs[0][1]!), "the runners never overlapped, so nothing was shared");
        Assert.Equal(0, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{state}`.leases"));
    }
}
