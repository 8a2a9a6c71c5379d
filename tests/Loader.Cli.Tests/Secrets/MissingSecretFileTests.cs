using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Secrets;

/// <summary>
/// A project without <c>config/secret.yml</c>: commands that need no secret say nothing about it; a command that needs
/// a secret nobody set names the key, where it goes in <c>secret.yml</c> and how to create the file private.
/// </summary>
public sealed class MissingSecretFileTests : IDisposable
{
    private const int InvalidInput = 2;

    private const int TaskFailed = 30;

    private readonly WorkFolder _folder = WorkFolder.Create().WithDailyPipeline();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("list")]
    [InlineData("validate")]
    [InlineData("show", "DailyPipeline")]
    [InlineData("config")]
    [InlineData("steps")]
    [InlineData("history")]
    [InlineData("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-03", "--plan")]
    [InlineData("run", "DailyPipeline", "--interval", "2026-01-01-2026-01-03")]
    public async Task A_command_that_needs_no_secret_says_nothing_about_secret_yml(params string[] arguments)
    {
        var result = await _folder.RunAsync(arguments);

        result.ExitsWith(0);
        Assert.DoesNotContain("secret.yml", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_reads_a_missing_secret_names_the_key_and_where_it_goes()
    {
        _folder.WithWorkflow("export.yml", """
            workflow: Export
            tasks:
              Export:
                uses: shell
                with:
                  command: test -n "$EXPORT_PASSWORD" && printf ok > "${outputs.out}"
                  env: {EXPORT_PASSWORD: "${config.export.password}"}
                outputs:
                  out: out/export.txt
            """);

        var result = await _folder.RunAsync("run", "Export");

        // The task's inputs are rendered when it runs: the task fails, its message in the run's summary.
        result.ExitsWith(TaskFailed)
            .Prints("configuration has no secret 'export.password'")
            .Prints("put it in config/secret.yml as 'export: {password: ...}'")
            .Prints("(config/secret.yml does not exist yet: create it and run chmod 600 config/secret.yml)")
            .Prints("or set LOADER_export__password");
        Assert.False(File.Exists(_folder.Path("out/export.txt")));
    }

    [Fact]
    public async Task A_missing_secret_parameter_is_told_to_go_in_secret_yml_rather_than_the_command_line()
    {
        _folder.WithWorkflow("api.yml", """
            workflow: Api
            parameters:
              key: {type: string, secret: true}
            tasks:
              Call: {uses: noop}
            """);

        var result = await _folder.RunAsync("run", "Api", "--plan");

        result.ExitsWith(InvalidInput)
            .Says("missing parameter --key for workflow 'Api'")
            .Says("put it in config/secret.yml as 'Api: {key: ...}' (config/secret.yml does not exist yet");
    }
}
