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
    public async Task A_missing_credentials_file_is_a_clear_error()
    {
        using var missing = new ProjectFolder(server, server.NewDatabaseName("unused"), "  mysql: /nonexistent/state.json").Workflow("tiny.yml", Tiny);

        var absent = await missing.RunAsync("run", "Tiny");

        Assert.True(absent.ExitCode == 2 && absent.Output.Contains("cannot read the credentials file /nonexistent/state.json", StringComparison.Ordinal), absent.Output);
        Assert.DoesNotContain("internal error", absent.Output);
    }
}
