using Loader.MySql.Tests.Support;
using Loader.Remote.Tests.Support;

namespace Loader.Remote.Tests;

/// <summary><c>remote.state</c>: the host's runs keep their state in MySQL (a real MariaDB), set up from this side's configuration.</summary>
[Collection(RemoteHostCollection.Name)]
public sealed class HostStateTests(RemoteHost host, MariaDbServer server) : IClassFixture<MariaDbServer>
{
    private const string Tiny = """
        workflow: Tiny
        parameters:
          interval: {type: interval}
        tasks:
          Touch:
            per_day: interval
            uses: shell
            with:
              command: echo ${date} >> calls.txt && echo done > "${outputs.out}"
            outputs:
              out: out/touched-${date}.txt
        """;

    [Fact]
    public async Task Remote_state_puts_the_hosts_runs_in_mysql_and_a_second_run_finds_them_there()
    {
        var database = server.NewDatabaseName("remote");
        var workspace = "test-" + Guid.NewGuid().ToString("N")[..12];
        using var project = LocalProject.Create().With("workflows/tiny.yml", Tiny).With("remote.yml", $"""
            remote:
              host: 127.0.0.1
              port: {host.Port}
              user: {RemoteHost.User}
              key_file: {host.Key}
              known_hosts: {host.KnownHosts}
              command: {RemoteHost.RemoteCommand}
              folder: {host.RemoteBase}
              workspace: {workspace}
              state:
                mysql: {server.CredentialsPath}
                database: {database}
            """);
        string[] run = ["remote", "Tiny", "--interval", "2026-01-01-2026-01-04", "--wait", "--config", "remote.yml"];

        var first = await RunsOnSshTests.LoaderAsync(project, run);
        var second = await RunsOnSshTests.LoaderAsync(project, run);

        Assert.True(first.Exit == 0, $"exit {first.Exit}\n{first.Out}\n{first.Err}\n{server.Log}");
        Assert.True(second.Exit == 0 && second.Out.Contains("0 to run, 3 already complete", StringComparison.Ordinal), $"exit {second.Exit}\n{second.Out}\n{second.Err}");
        Assert.Equal(2, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{database}`.runs WHERE workflow = 'Tiny' AND status = 'succeeded'"));
        var folder = $"{host.RemoteBase}/loader-workspaces/{workspace}";
        Assert.False(File.Exists($"{folder}/.loader/state.db"), "the host made a SQLite store although remote.state names MySQL");
        Assert.Equal(3, File.ReadAllLines($"{folder}/calls.txt").Length);
        Assert.Contains(server.CredentialsPath, File.ReadAllText($"{folder}/config/host-state.yml"), StringComparison.Ordinal);
    }
}
