using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Secrets;

/// <summary>
/// Secrets in configuration: a secret parameter set in a config section is masked by <c>loader config</c> too, a bad
/// secret value is refused without being quoted, and a credentials file's path is shown, as paths are not secrets.
/// </summary>
public sealed class ConfigSecretTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly WorkFolder _folder = WorkFolder.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_secret_parameter_set_in_a_config_section_never_leaks_not_even_through_loader_config()
    {
        _folder.WithSecret("Api:\n  key: k-77a1c-api\nFetch:\n  key: k-88b2d-fetch\n", Private)
            .WithWorkflow("api.yml", """
                workflow: Api
                parameters:
                  key: {type: string, secret: true}
                tasks:
                  Fetch:
                    uses: shell
                    with:
                      command: echo "calling with ${key}"; printf ok > "${outputs.out}"
                    outputs:
                      out: out/fetch.txt
                """);
        var search = new LeakSearch(_folder);

        var rows = (await search.RunAsync("config", "--output", "json")).ExitsWith(0).Json().EnumerateArray().ToList();
        (await search.RunAsync("config")).ExitsWith(0).Prints("Api:key").Prints("Fetch:key");
        await search.RunEverywhereAsync("Api", 0);

        Assert.Equal("***", Assert.Single(rows, r => r.GetProperty("key").GetString() == "Api:key").GetProperty("value").GetString());
        Assert.Equal("***", Assert.Single(rows, r => r.GetProperty("key").GetString() == "Fetch:key").GetProperty("value").GetString());
        Assert.Contains(search.Logs(), log => log.Text.Contains("calling with ***", StringComparison.Ordinal));
        search.AssertNowhere("k-77a1c-api");
        search.AssertNowhere("k-88b2d-fetch");
    }

    [Fact]
    public async Task A_bad_value_for_a_secret_parameter_is_refused_without_quoting_it()
    {
        _folder.WithSecret("Pin:\n  pin: pin-8s7d\n", Private)
            .WithWorkflow("pin.yml", """
                workflow: Pin
                parameters:
                  pin: {type: int, secret: true}
                tasks:
                  Unlock: {uses: noop}
                """);

        var fromConfig = await _folder.RunAsync("run", "Pin");
        var fromCommandLine = await _folder.RunAsync("run", "Pin", "--plan", "--pin", "12x9q-bad");

        fromConfig.ExitsWith(2).Says("parameter 'pin' (secret, so its value is not shown): '***' is not a whole number");
        fromCommandLine.ExitsWith(2).Says("parameter 'pin' (secret, so its value is not shown): '***' is not a whole number");
        Assert.DoesNotContain("pin-8s7d", fromConfig.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("12x9q-bad", fromCommandLine.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_credentials_file_is_named_as_paths_are_not_secrets()
    {
        const string path = "config/results-credentials.json";
        _folder.WithSecret($"mysql:\n  results:\n    credentials: {path}\n", Private)
            .WithWorkflow("creds.yml", """
                workflow: Creds
                tasks:
                  Read:
                    uses: shell
                    with:
                      command: cat "${config.mysql.results.credentials}"
                    outputs:
                      out: out/read.txt
                """);

        var run = await _folder.RunAsync("run", "Creds");
        var config = await _folder.RunAsync("config");

        run.ExitsWith(30).Prints($"{path}: No such file");
        config.ExitsWith(0).Prints(path);
        var attempt = (await _folder.RunAsync("history", run.RunId().ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitsWith(0);
        attempt.Prints(path);
    }
}
