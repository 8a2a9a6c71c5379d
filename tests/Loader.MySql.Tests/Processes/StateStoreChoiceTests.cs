using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Processes;

/// <summary>How <c>loader</c> picks its state store: MySQL when <c>state.mysql</c> names a credentials file, SQLite otherwise.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class StateStoreChoiceTests(MariaDbServer server)
{
    private const string Tiny = """
        workflow: Tiny
        tasks:
          Touch:
            uses: shell
            with: {command: "echo done > \"${outputs.out}\""}
            outputs: {out: out/touched.txt}
        """;

    [Fact]
    public async Task State_mysql_puts_the_runs_in_that_database_and_not_in_sqlite()
    {
        var state = server.NewDatabaseName("choice");
        using var folder = new ProjectFolder(server, server.NewDatabaseName("unused"), $"  sqlite: .loader/state.db\n  mysql: {server.CredentialsPath}\n  database: {state}")
            .Workflow("tiny.yml", Tiny);

        var run = await folder.RunAsync("run", "Tiny");
        var history = await folder.RunAsync("history");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(1, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{state}`.runs WHERE workflow = 'Tiny' AND status = 'succeeded'"));
        Assert.False(File.Exists(folder.PathOf(".loader/state.db")), "the SQLite file was created although state.mysql is set");
        Assert.True(history.ExitCode == 0 && history.Output.Contains("Tiny", StringComparison.Ordinal), history.Output);
    }

    [Fact]
    public async Task A_credentials_file_on_s3_or_missing_is_a_clear_error()
    {
        using var onS3 = new ProjectFolder(server, server.NewDatabaseName("unused"), "  mysql: s3://bucket/state.json").Workflow("tiny.yml", Tiny);
        using var missing = new ProjectFolder(server, server.NewDatabaseName("unused"), "  mysql: /nonexistent/state.json").Workflow("tiny.yml", Tiny);

        var s3 = await onS3.RunAsync("run", "Tiny");
        var absent = await missing.RunAsync("run", "Tiny");

        Assert.True(s3.ExitCode == 2 && s3.Output.Contains("error: state.mysql: credentials at s3://bucket/state.json cannot be read yet", StringComparison.Ordinal), s3.Output);
        Assert.True(absent.ExitCode == 2 && absent.Output.Contains("cannot read the credentials file /nonexistent/state.json", StringComparison.Ordinal), absent.Output);
        Assert.DoesNotContain("internal error", s3.Output + absent.Output);
    }
}
