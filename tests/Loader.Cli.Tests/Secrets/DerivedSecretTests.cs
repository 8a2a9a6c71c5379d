using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Secrets;

/// <summary>
/// Secrecy follows the value: a parameter made from a configuration secret, or given a secret parameter's value by
/// another workflow, is secret itself, in every channel a run writes to.
/// </summary>
public sealed class DerivedSecretTests : IDisposable
{
    private readonly WorkFolder _folder = WorkFolder.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_config_secret_in_a_parameter_default_never_leaks()
    {
        const string password = "Pw-9f3kd-art";
        const string host = "dsn-host-3f1";
        _folder.WithSecret($"art:\n  password: {password}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .WithWorkflow("dsn.yml", $$"""
                workflow: Dsn
                parameters:
                  region: {type: string, default: eu}
                  dsn:
                    type: string
                    default: postgres://loader:${config.art.password}@{{host}}/warehouse
                tasks:
                  Connect:
                    uses: shell
                    with:
                      command: echo "connecting to ${dsn}"; printf ok > "${outputs.out}"
                    outputs:
                      out: out/${region}/connect.txt
                  Check:
                    uses: shell
                    requires: [Connect]
                    with:
                      command: echo "cannot reach ${dsn}" >&2; exit 3
                    outputs:
                      out: out/${region}/check.txt
                """);
        var search = new LeakSearch(_folder);

        await search.RunEverywhereAsync("Dsn", 30);

        // The value was on its way out everywhere, and was masked there: identity, run record, logs, errors.
        (await search.RunAsync("run", "Dsn", "--plan")).Prints("Check(region=eu)");
        (await search.RunAsync("history")).Prints("--dsn ***");
        (await search.RunAsync("run", "Dsn")).ExitsWith(30).Prints("cannot reach ***");
        Assert.Contains(search.Logs(), log => log.Text.Contains("connecting to ***", StringComparison.Ordinal));
        search.AssertNowhere(password);
        search.AssertNowhere(host);
    }

    [Fact]
    public async Task A_secret_parameter_given_to_another_workflows_ordinary_parameter_never_leaks()
    {
        const string login = "svc:Tq4-login-88";
        _folder.WithSecret($"Main:\n  login: {login}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .WithWorkflow("warehouse.yml", """
                workflow: Warehouse
                parameters:
                  login: string
                  day: date
                tasks:
                  Import:
                    uses: shell
                    with:
                      command: echo "importing as ${login}"; printf ok > "${outputs.out}"
                    outputs:
                      out: out/import-${day}.txt
                """)
            .WithWorkflow("main.yml", """
                workflow: Main
                parameters:
                  login: {type: string, secret: true}
                  day: {type: date, default: "2026-01-05"}
                tasks:
                  Report:
                    requires:
                      - {workflow: Warehouse, with: {login: "${login}", day: "${day}"}}
                    uses: shell
                    with:
                      command: echo "no report for ${login}" >&2; exit 3
                    outputs:
                      out: out/report-${day}.txt
                """);
        var search = new LeakSearch(_folder);

        var run = await search.RunEverywhereAsync("Main", 30);

        var attempts = await _folder.AttemptsAsync(run);
        Assert.Contains(attempts, a => a.Task == "Import(day=2026-01-05)");
        (await search.RunAsync("run", "Main")).ExitsWith(30).Prints("no report for ***");
        Assert.Contains(search.Logs(), log => log.Text.Contains("importing as ***", StringComparison.Ordinal));
        search.AssertNowhere("Tq4-login-88");
    }
}
