using Loader.MySql.Tests.Support;
using Loader.Running;

namespace Loader.MySql.Tests.Loading;

[Collection(MariaDbCollection.Name)]
public sealed class MySqlLoadTests(MariaDbServer server)
{
    // One load of a whole table per version; the table's rows are replaced by each version.
    private const string WholeTable = """
        workflow: Whole
        parameters:
          version: string
          allow_empty: {type: bool, default: false, significant: false}
        tasks:
          Load:
            uses: mysql.load
            with:
              source: ${config.data_dir}/rows-${version}.tsv
              columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE}
              keys: [PRIMARY KEY (id)]
              indexes: [day]
              overwrite: true
              allow_empty: ${allow_empty}
            outputs:
              marker: {marker: "mysql://test/DB/results"}
        """;

    private static Dictionary<string, string> Version(string version) => new() { ["version"] = version };

    [Fact]
    public async Task A_load_creates_the_database_the_table_and_the_marker_in_one_go()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("create")).Workflow(WholeTable);
        project.Rows("rows-v1.tsv", 1_000);

        var result = (await project.RunAsync("Whole", Version("v1"))).Succeeded();

        Assert.Equal(1_000, await project.CountAsync("results"));
        var marker = Assert.Single(await project.MarkersAsync());
        Assert.Equal(result.Outcomes.Single().Key.Id.Key, marker.UpdateId);
        Assert.Equal($"{project.Database}.results", marker.TargetTable);
        var indexes = await server.RowsAsync($"SELECT DISTINCT index_name FROM information_schema.STATISTICS WHERE table_schema = '{project.Database}' AND table_name = 'results'");
        Assert.Contains(indexes, i => i[0] == "PRIMARY");
        Assert.Equal(2, indexes.Count);
        var markerIndexes = await server.RowsAsync($"SELECT column_name FROM information_schema.STATISTICS WHERE table_schema = '{project.Database}' AND table_name = 'table_updates'");
        Assert.Contains(markerIndexes, i => i[0] == "target_table");
    }

    [Fact]
    public async Task A_second_run_finds_the_marker_and_loads_nothing()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("again")).Workflow(WholeTable);
        project.Rows("rows-v1.tsv", 10);
        (await project.RunAsync("Whole", Version("v1"))).Succeeded();

        var again = (await project.RunAsync("Whole", Version("v1"))).Succeeded();

        Assert.Equal(TaskOutcome.AlreadyComplete, again.Of("Load").Outcome);
        Assert.Equal(10, await project.CountAsync("results"));
    }

    [Fact]
    public async Task Overwrite_replaces_every_row_and_every_marker_of_the_table()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("overwrite")).Workflow(WholeTable);
        project.Rows("rows-v1.tsv", 500);
        project.Rows("rows-v2.tsv", 300, firstId: 10_000);
        var first = (await project.RunAsync("Whole", Version("v1"))).Succeeded();

        var second = (await project.RunAsync("Whole", Version("v2"))).Succeeded();

        Assert.Equal(300, await project.CountAsync("results"));
        Assert.Equal(300, await project.CountAsync("results", "id >= 10000"));
        var marker = Assert.Single(await project.MarkersAsync());
        Assert.Equal(second.Outcomes.Single().Key.Id.Key, marker.UpdateId);
        Assert.NotEqual(first.Outcomes.Single().Key.Id.Key, marker.UpdateId);
    }

    [Fact]
    public async Task An_overwrite_with_no_rows_is_refused_and_keeps_the_old_rows_unless_allowed()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("empty")).Workflow(WholeTable);
        project.Rows("rows-v1.tsv", 40);
        project.DataFile("rows-empty.tsv", "");
        (await project.RunAsync("Whole", Version("v1"))).Succeeded();

        var refused = await project.RunAsync("Whole", Version("empty"));
        var rowsAfterRefusal = await project.CountAsync("results");
        var markersAfterRefusal = await project.MarkersAsync();
        var allowed = await project.RunAsync("Whole", new Dictionary<string, string> { ["version"] = "empty", ["allow_empty"] = "true" });

        Assert.Equal(TaskOutcome.Failed, refused.Of("Load").Outcome);
        Assert.True(refused.Of("Load").Reason.Contains("holds no row", StringComparison.Ordinal), refused.Of("Load").Reason);
        Assert.Equal(40, rowsAfterRefusal);
        Assert.Single(markersAfterRefusal);
        allowed.Succeeded();
        Assert.Equal(0, await project.CountAsync("results"));
    }

    [Fact]
    public async Task A_partition_overwrite_replaces_only_its_own_rows_and_its_own_marker()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("partition")).Workflow("""
            workflow: Daily
            parameters:
              interval: interval
              batch: {type: string, default: a, significant: false}
              window: {type: int, default: 0, significant: false}
            tasks:
              Load:
                per_day: interval
                overwrite_n_days: ${window}
                uses: mysql.load
                with:
                  source: ${config.data_dir}/${batch}/${date}.tsv
                  columns: {day: DATE NOT NULL, course: VARCHAR(32) NOT NULL, n: INT}
                  keys: [PRIMARY KEY (day, course)]
                  overwrite: true
                  partition: day = '${date}'
                outputs:
                  marker: {marker: "mysql://test/DB/daily"}
            """);
        Directory.CreateDirectory(Path.Combine(project.Data, "a"));
        Directory.CreateDirectory(Path.Combine(project.Data, "b"));
        foreach (var day in new[] { "2026-01-01", "2026-01-02", "2026-01-03" })
        {
            project.DataFile($"a/{day}.tsv", $"{day}\tx\t1\n{day}\ty\t2\n");
        }
        project.DataFile("b/2026-01-02.tsv", "2026-01-02\tz\t30\n");
        (await project.RunAsync("Daily", new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-04" })).Succeeded();
        var markersBefore = await project.MarkersAsync();

        // The same day again, rebuilt from other data: the overwrite window makes the complete task run.
        var rerun = (await project.RunAsync("Daily", new Dictionary<string, string> { ["interval"] = "2026-01-02", ["batch"] = "b", ["window"] = "1" })).Succeeded();

        Assert.Equal(TaskOutcome.Succeeded, rerun.Of("Load").Outcome);
        Assert.Equal(3, markersBefore.Count);
        Assert.Equal(markersBefore, await project.MarkersAsync());
        var rows = await server.RowsAsync($"SELECT day, course, n FROM `{project.Database}`.daily ORDER BY day, course");
        Assert.Equal(
            ["2026-01-01 x 1", "2026-01-01 y 2", "2026-01-02 z 30", "2026-01-03 x 1", "2026-01-03 y 2"],
            rows.Select(r => $"{DateTime.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture):yyyy-MM-dd} {r[1]} {r[2]}"));
    }

    [Fact]
    public async Task Null_texts_and_empty_fields_become_null_as_configured()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("nulls")).Workflow("""
            workflow: Nulls
            tasks:
              Tsv:
                uses: mysql.load
                with:
                  source: ${config.data_dir}/nulls.tsv
                  columns: {id: INT NOT NULL, label: VARCHAR(32), n: INT}
                  null_values: ['\N', None]
                  empty_as_null: true
                outputs:
                  marker: {marker: "mysql://test/DB/tsv"}
              Csv:
                uses: mysql.load
                with:
                  source: ${config.data_dir}/nulls.csv
                  header: true
                  columns: {id: INT NOT NULL, label: VARCHAR(32), n: INT}
                  null_values: [None]
                  empty_as_null: true
                outputs:
                  marker: {marker: "mysql://test/DB/csv"}
              Escapes:
                uses: mysql.load
                with:
                  source: ${config.data_dir}/escapes.tsv
                  columns: {id: INT NOT NULL, label: VARCHAR(32), n: INT}
                outputs:
                  marker: {marker: "mysql://test/DB/escapes"}
            """);
        project.DataFile("nulls.tsv", "1\t\\N\t5\n2\tNone\t\n3\t\t7\n4\ta b\t8\n");
        project.DataFile("nulls.csv", "id,label,n\r\n1,\"quoted, with comma\",None\r\n2,,3\r\n3,\"say \"\"hi\"\"\",\r\n");
        project.DataFile("escapes.tsv", "1\t\\N\t\\N\n2\tx\\ty\t2\n");

        (await project.RunAsync("Nulls")).Succeeded();

        async Task<string[]> Rows(string table) => (await server.RowsAsync($"SELECT id, label, n FROM `{project.Database}`.`{table}` ORDER BY id"))
            .Select(r => string.Join("|", r.Select(v => v ?? "NULL"))).ToArray();
        Assert.Equal(["1|NULL|5", "2|NULL|NULL", "3|NULL|7", "4|a b|8"], await Rows("tsv"));
        Assert.Equal(["1|quoted, with comma|NULL", "2|NULL|3", "3|say \"hi\"|NULL"], await Rows("csv"));
        Assert.Equal(["1|NULL|NULL", "2|x\ty|2"], await Rows("escapes"));
    }

    [Fact]
    public async Task Columns_may_be_listed_as_name_and_type_texts_and_the_table_may_have_more_columns()
    {
        var database = server.NewDatabaseName("listed");
        await server.ExecuteAsync($"CREATE DATABASE `{database}`; CREATE TABLE `{database}`.listed (row_id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(8), n INT, loaded TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        await using var project = new EngineProject(server, database).Workflow("""
            workflow: Listed
            tasks:
              Load:
                uses: mysql.load
                with:
                  source: ${config.data_dir}/listed.tsv
                  columns: ["name VARCHAR(8)", {n: INT}]
                outputs:
                  marker: {marker: "mysql://test/DB/listed"}
            """);
        project.DataFile("listed.tsv", "a\t1\nb\t2\n");

        (await project.RunAsync("Listed")).Succeeded();

        var rows = await server.RowsAsync($"SELECT row_id, name, n, loaded IS NOT NULL FROM `{database}`.listed ORDER BY row_id");
        Assert.Equal(["1 a 1 1", "2 b 2 1"], rows.Select(r => string.Join(" ", r)));
    }

    [Fact]
    public async Task A_source_of_an_unknown_scheme_or_missing_fails_clearly_without_retrying()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("sources")).Workflow("""
            workflow: Sources
            tasks:
              Remote:
                uses: mysql.load
                retry: 3
                with:
                  source: s3://bucket/rows.tsv
                  columns: {id: INT}
                outputs:
                  marker: {marker: "mysql://test/DB/remote"}
              Missing:
                uses: mysql.load
                with:
                  source: ${config.data_dir}/nope.tsv
                  columns: {id: INT}
                outputs:
                  marker: {marker: "mysql://test/DB/missing"}
            """);

        var result = await project.RunAsync("Sources");

        // This project reads local files only: no source is added for s3://.
        Assert.True(result.Of("Remote").Reason.Contains("cannot read its source s3://bucket/rows.tsv", StringComparison.Ordinal)
            && result.Of("Remote").Reason.Contains("s3:// files are not known here", StringComparison.Ordinal), result.Of("Remote").Reason);
        Assert.DoesNotContain("attempt 2", result.Of("Remote").Reason);
        Assert.True(result.Of("Missing").Reason.Contains("nope.tsv does not exist", StringComparison.Ordinal), result.Of("Missing").Reason);
    }
}
