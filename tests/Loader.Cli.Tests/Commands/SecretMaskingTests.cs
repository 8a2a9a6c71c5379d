using System.Text;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>A value from <c>config/secret.yml</c> under a secret-sounding key never reaches any output, log or record.</summary>
public sealed class SecretMaskingTests
{
    private const string Secret = "s3cr3t-value";

    private const string UsesSecret = """
        workflow: UsesSecret
        tasks:
          Login:
            uses: shell
            with:
              command: echo "logging in with ${config.art.password}"; printf 'ok\n' > "${outputs.out}"
            outputs:
              out: out/login.txt
          Leak:
            uses: shell
            requires: [Login]
            with:
              command: echo "password is ${config.art.password}" >&2; exit 1
            outputs:
              out: out/leak.txt
        """;

    [Fact]
    public async Task Config_shows_a_secret_key_from_secret_yml_masked_with_its_source()
    {
        using var folder = Folder();

        var rows = (await folder.RunAsync("config", "--output", "json")).ExitsWith(0).Json().EnumerateArray().ToList();
        var text = await folder.RunAsync("config");

        var password = Assert.Single(rows, r => r.GetProperty("key").GetString() == "art:password");
        Assert.Equal("***", password.GetProperty("value").GetString());
        Assert.Equal("config/secret.yml", password.GetProperty("source").GetString());
        var workers = Assert.Single(rows, r => r.GetProperty("key").GetString() == "runner:workers");
        Assert.Equal("config/default.yml", workers.GetProperty("source").GetString());
        text.ExitsWith(0).Prints("art:password").Prints("***");
        Assert.DoesNotContain(Secret, text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_never_appears_in_any_command_output_log_or_state()
    {
        using var folder = Folder();
        var outputs = new List<LoaderResult>();
        async Task<LoaderResult> Loader(params string[] arguments)
        {
            var result = await folder.RunAsync(arguments);
            outputs.Add(result);
            return result;
        }

        var run = (await Loader("run", "UsesSecret")).ExitsWith(30).RunId();
        (await Loader("run", "UsesSecret", "--output", "json")).ExitsWith(30);
        (await Loader("--verbose", "run", "UsesSecret")).ExitsWith(30);
        (await Loader("run", "UsesSecret", "--plan")).ExitsWith(0);
        (await Loader("run", "UsesSecret", "--plan", "--output", "json")).ExitsWith(0);
        (await Loader("history")).ExitsWith(0);
        (await Loader("history", "--output", "json")).ExitsWith(0);
        (await Loader("history", $"{run}")).ExitsWith(0);
        var attempts = (await Loader("history", $"{run}", "--output", "json")).ExitsWith(0);
        (await Loader("config")).ExitsWith(0);
        (await Loader("config", "--output", "json")).ExitsWith(0);
        (await Loader("show", "UsesSecret")).ExitsWith(0);
        (await Loader("list", "--output", "json")).ExitsWith(0);

        // The secret was on its way out, and was masked there: the test covers a real leak path.
        attempts.Prints("password is ***");
        Assert.All(outputs, o => Assert.False(o.Output.Contains(Secret, StringComparison.Ordinal), $"the secret leaked:\n{o}"));
        var logs = Directory.EnumerateFiles(folder.Path(".loader/logs"), "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(logs, l => File.ReadAllText(l).Contains("logging in with ***", StringComparison.Ordinal));
        Assert.All(Directory.EnumerateFiles(folder.Path(".loader"), "*", SearchOption.AllDirectories),
            file => Assert.False(Contains(file, Secret), $"the secret is stored in {file}"));
    }

    private static WorkFolder Folder() =>
        WorkFolder.Create()
            .WithWorkflow("uses-secret.yml", UsesSecret)
            .WithSecret($"art:\n  password: {Secret}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

    private static bool Contains(string file, string text)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
