using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Completion;

/// <summary>
/// <c>loader completion bash|zsh</c>: the scripts, loaded in a real bash and zsh, complete commands, options, workflow
/// names and each workflow's parameters by asking the built <c>loader</c>.
/// </summary>
public sealed class ShellCompletionTests
{
    [Fact]
    public async Task Bash_completes_workflow_names_from_the_workflow_folder()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline().WithHourlyTrackingLogs();

        var (run, completions) = await CompletionShell.CompleteAsync(folder, "bash", "loader run Dai", "loader show ", "loader graph Hour");

        run.ExitsWith(0).Prints("complete -o default -F _loader loader");
        Assert.Equal(["DailyPipeline"], completions["loader run Dai"]);
        Assert.Equal(["DailyPipeline", "HourlyTrackingLogs"], completions["loader show "].Where(c => !c.StartsWith('-')));
        Assert.Equal(["HourlyTrackingLogs"], completions["loader graph Hour"]);
        Assert.Equal(["DailyPipeline"], completions["compgen loader run Dai"]);
        Assert.Equal(completions["loader show "], completions["compgen loader show "]);
    }

    [Fact]
    public async Task Bash_completes_the_parameters_of_the_named_workflow_beside_the_commands_options()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline().WithHourlyTrackingLogs();

        var (_, completions) = await CompletionShell.CompleteAsync(folder, "bash",
            "loader run DailyPipeline --", "loader run DailyPipeline --ov", "loader plan HourlyTrackingLogs --interval 2026-01-05 --",
            "loader run DailyPipeline --plan ", "loader run DailyPipeline --force ", "loader run DailyPipeline --until Tr");

        var options = completions["loader run DailyPipeline --"];
        Assert.Contains("--interval", options);
        Assert.Contains("--overwrite-n-days", options);
        Assert.Contains("--workers", options);
        Assert.Contains("--force", options);
        Assert.DoesNotContain("--overwrite-n-hours", options);
        Assert.Equal(["--overwrite-n-days"], completions["loader run DailyPipeline --ov"]);
        // Given once, a parameter is not offered again; plan has no --workers.
        var hourly = completions["loader plan HourlyTrackingLogs --interval 2026-01-05 --"];
        Assert.Contains("--overwrite-n-hours", hourly);
        Assert.DoesNotContain("--interval", hourly);
        Assert.DoesNotContain("--workers", hourly);
        // After a flag come options, not its optional true/false.
        Assert.Contains("--interval", completions["loader run DailyPipeline --plan "]);
        Assert.DoesNotContain("--plan", completions["loader run DailyPipeline --plan "]);
        Assert.Equal(["Extract", "Load", "Report", "Transform"], completions["loader run DailyPipeline --force "]);
        Assert.Equal(["Transform"], completions["loader run DailyPipeline --until Tr"]);
    }

    [Fact]
    public async Task Bash_completes_an_enum_parameters_choices_and_a_bool_parameter_as_a_flag()
    {
        using var folder = WorkFolder.Create().WithWorkflow("load.yml", """
            workflow: Load
            parameters:
              mode:
                type: enum
                choices: [full, delta]
              dry_run:
                type: bool
                default: false
            tasks:
              Copy:
                uses: shell
                with: {command: "true"}
            """);

        var (_, completions) = await CompletionShell.CompleteAsync(folder, "bash",
            "loader run Load --mode ", "loader run Load --mode d", "loader run Load --dry-run ");

        Assert.Equal(["delta", "full"], completions["loader run Load --mode "].Order(StringComparer.Ordinal));
        Assert.Equal(["delta"], completions["loader run Load --mode d"]);
        Assert.Contains("--mode", completions["loader run Load --dry-run "]);
    }

    [Fact]
    public async Task Bash_completes_commands_subcommands_and_option_values()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var (_, completions) = await CompletionShell.CompleteAsync(folder, "bash",
            "loader ", "loader hi", "loader history pr", "loader --output j", "loader completion ");

        Assert.Contains("run", completions["loader "]);
        Assert.Contains("validate", completions["loader "]);
        Assert.Contains("--workflows", completions["loader "]);
        Assert.DoesNotContain("complete", completions["loader "]);
        Assert.DoesNotContain("-h", completions["loader "]);
        Assert.Equal(["history"], completions["loader hi"]);
        Assert.Equal(["prune"], completions["loader history pr"]);
        Assert.Equal(["json"], completions["loader --output j"]);
        Assert.Equal(["bash", "zsh"], completions["loader completion "].Where(c => !c.StartsWith('-')));
    }

    [Fact]
    public async Task A_broken_workflow_file_leaves_the_others_completing_and_prints_nothing_to_the_terminal()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline()
            .WithWorkflow("broken.yml", "workflow: Broken\ntasks:\n  A:\n    uses: teleport\n")
            .WithWorkflow("unreadable.yml", "workflow: [\n");

        var (run, completions) = await CompletionShell.CompleteAsync(folder, "bash",
            "loader run D", "loader run DailyPipeline --i", "loader --workflows nowhere run ", "loader run Nowhere --");

        run.ExitsWith(0);
        Assert.Equal("", run.Stderr);
        Assert.Equal(["DailyPipeline"], completions["loader run D"]);
        Assert.Equal(["--interval"], completions["loader run DailyPipeline --i"]);
        Assert.DoesNotContain("DailyPipeline", completions["loader --workflows nowhere run "]);
        Assert.Contains("--plan", completions["loader --workflows nowhere run "]);
        Assert.DoesNotContain("--interval", completions["loader run Nowhere --"]);
    }

    [Fact]
    public async Task Zsh_completes_workflow_names_and_parameters_and_falls_back_to_files()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var (run, completions) = await CompletionShell.CompleteAsync(folder, "zsh",
            "loader run Dai", "loader run DailyPipeline --ov", "loader --config ");

        run.ExitsWith(0).Prints("compdef _loader loader");
        Assert.Equal("", run.Stderr);
        Assert.Equal(["DailyPipeline"], completions["loader run Dai"]);
        Assert.Equal(["--overwrite-n-days"], completions["loader run DailyPipeline --ov"]);
        Assert.Equal(["(files)"], completions["loader --config "]);
    }

    [Fact]
    public async Task Completion_for_an_unknown_shell_exits_2_naming_the_shells()
    {
        using var folder = WorkFolder.Create();

        var result = await folder.RunAsync("completion", "fish");

        result.ExitsWith(2).Says("fish").Says("bash").Says("zsh");
    }
}
