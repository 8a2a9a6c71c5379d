using Loader.MySql.Tests.Support;
using Loader.Running;

namespace Loader.MySql.Tests.Querying;

[Collection(MariaDbCollection.Name)]
public sealed class MySqlQueryTests(MariaDbServer server)
{
    private const string Aggregate = """
        workflow: Report
        parameters:
          interval: interval
          filter: {type: string, default: "1 = 1"}
        tasks:
          Load:
            per_day: interval
            uses: mysql.load
            with:
              source: ${config.data_dir}/${date}.tsv
              columns: {day: DATE NOT NULL, course: VARCHAR(32) NOT NULL, learners: INT NOT NULL}
            outputs:
              marker: {marker: "mysql://test/DB/daily"}
          Totals:
            requires: [Load]
            uses: mysql.query
            with:
              sql: |
                INSERT INTO DB.totals (course, learners)
                SELECT course, SUM(learners) FROM DB.daily WHERE ${filter} GROUP BY course
              columns: {course: VARCHAR(32) NOT NULL, learners: INT NOT NULL}
              keys: [PRIMARY KEY (course)]
              overwrite: true
            outputs:
              marker: {marker: "mysql://test/DB/totals"}
        """;

    private static async Task<EngineProject> ProjectAsync(MariaDbServer server, string purpose)
    {
        var project = new EngineProject(server, server.NewDatabaseName(purpose)).Workflow(Aggregate);
        project.DataFile("2026-01-01.tsv", "2026-01-01\tmath\t3\n2026-01-01\tart\t1\n");
        project.DataFile("2026-01-02.tsv", "2026-01-02\tmath\t4\n");
        await Task.CompletedTask;
        return project;
    }

    [Fact]
    public async Task An_aggregate_fills_its_table_and_writes_its_marker_in_one_transaction()
    {
        await using var project = await ProjectAsync(server, "aggregate");

        var result = (await project.RunAsync("Report", new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-03" })).Succeeded();

        var totals = await server.RowsAsync($"SELECT course, learners FROM `{project.Database}`.totals ORDER BY course");
        Assert.Equal(["art=1", "math=7"], totals.Select(r => $"{r[0]}={r[1]}"));
        var totalsKey = result.Outcomes.Keys.Single(t => t.Family == "Totals").Id.Key;
        Assert.Contains((totalsKey, $"{project.Database}.totals"), await project.MarkersAsync());
        Assert.Equal(3, (await project.MarkersAsync()).Count);
    }

    [Fact]
    public async Task A_failing_statement_rolls_back_the_overwrite_and_writes_no_marker()
    {
        await using var project = await ProjectAsync(server, "queryfail");
        var first = (await project.RunAsync("Report", new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-03" })).Succeeded();
        var markers = await project.MarkersAsync();

        var broken = await project.RunAsync("Report", new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-03", ["filter"] = "no_such_column = 1" });

        Assert.Equal(TaskOutcome.Failed, broken.Of("Totals").Outcome);
        Assert.True(broken.Of("Totals").Reason.Contains("no_such_column", StringComparison.Ordinal), broken.Of("Totals").Reason);
        Assert.Equal(2, await project.CountAsync("totals"));
        Assert.Equal(markers, await project.MarkersAsync());
        Assert.NotNull(first);
    }

    [Fact]
    public async Task Statements_that_would_commit_the_transaction_are_refused()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("ddl")).Workflow("""
            workflow: Ddl
            tasks:
              Sneaky:
                uses: mysql.query
                with:
                  sql: INSERT INTO DB.t VALUES (1); TRUNCATE TABLE DB.t
                outputs:
                  marker: {marker: "mysql://test/DB/t"}
            """);

        var result = await project.RunAsync("Ddl");

        Assert.True(result.Of("Sneaky").Reason.Contains("'TRUNCATE TABLE", StringComparison.Ordinal), result.Of("Sneaky").Reason);
        Assert.True(result.Of("Sneaky").Reason.Contains("would commit the transaction", StringComparison.Ordinal), result.Of("Sneaky").Reason);
    }

    [Fact]
    public async Task A_noop_task_with_a_mysql_marker_fails_at_commit()
    {
        await using var project = new EngineProject(server, server.NewDatabaseName("noop")).Workflow("""
            workflow: Noop
            tasks:
              Nothing:
                uses: noop
                outputs:
                  marker: {marker: "mysql://test/DB/t"}
            """);

        var result = await project.RunAsync("Noop");

        Assert.Equal(TaskOutcome.Failed, result.Of("Nothing").Outcome);
        Assert.True(result.Of("Nothing").Reason.Contains("wrote no marker row", StringComparison.Ordinal), result.Of("Nothing").Reason);
    }
}
