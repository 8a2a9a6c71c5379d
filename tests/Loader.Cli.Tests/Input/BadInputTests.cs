using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Input;

/// <summary>Mistakes a user can make: each gets one clear message naming the file, line, column or value, exit code 2 and no stack trace.</summary>
public sealed class BadInputTests
{
    private const int InvalidInput = 2;

    private const string OneDay = """
        workflow: OneDay
        parameters:
          day: date
        tasks:
          Stamp:
            uses: shell
            with:
              command: echo ${day} > "${outputs.out}"
            outputs:
              out: out/${day}.txt
        """;

    [Fact]
    public async Task Malformed_yaml_is_reported_with_its_file_line_and_column()
    {
        using var folder = WorkFolder.Create().WithWorkflow("broken.yml", """
            workflow: Broken
            tasks:
              A:
                uses: shell
               with: {command: "true"}
            """);

        var result = await folder.RunAsync("run", "Broken");

        result.ExitsWith(InvalidInput).Says("error: workflows/broken.yml:5:4: malformed YAML");
        NoStackTrace(result);
    }

    [Fact]
    public async Task An_unclosed_flow_sequence_is_reported_as_malformed_yaml_with_its_file()
    {
        using var folder = WorkFolder.Create().WithWorkflow("unclosed.yml", """
            workflow: Unclosed
            tasks:
              A:
                uses: shell
                with:
                  command: [echo, hello
                outputs:
                  out: out/hello.txt
            """);

        var result = await folder.RunAsync("validate");

        result.ExitsWith(InvalidInput).Says("workflows/unclosed.yml:").Says("malformed YAML");
    }

    [Fact]
    public async Task An_unknown_step_type_is_named_with_the_known_ones()
    {
        using var folder = WorkFolder.Create().WithWorkflow("odd.yml", """
            workflow: Odd
            tasks:
              Frob:
                uses: frobnicate
                outputs:
                  out: out/frob.txt
            """);

        var result = await folder.RunAsync("run", "Odd");

        result.ExitsWith(InvalidInput)
            .Says("error: workflows/odd.yml:3:3: task 'Frob': unknown step type 'frobnicate'")
            .Says("known types are ")
            .Says("shell");
        NoStackTrace(result);
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_and_the_known_ones_listed()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01", "--nope", "1");

        result.ExitsWith(InvalidInput)
            .Says("error: unknown parameter --nope for workflow 'DailyPipeline'")
            .Says("--interval");
        NoStackTrace(result);
        Assert.False(Directory.Exists(folder.Path("data")), "nothing may run when the command line is wrong");
    }

    [Fact]
    public async Task A_missing_required_parameter_is_named()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline");

        result.ExitsWith(InvalidInput).Says("error: missing parameter --interval for workflow 'DailyPipeline'");
        NoStackTrace(result);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("next-week")]
    [InlineData("2026-02-30")]
    public async Task A_bad_interval_is_refused_showing_the_accepted_forms(string interval)
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", interval);

        result.ExitsWith(InvalidInput)
            .Says($"invalid date interval '{interval}'")
            .Says("2016-01-01-2016-02-01 (end excluded)");
        NoStackTrace(result);
    }

    [Fact]
    public async Task A_bad_date_is_refused_showing_the_accepted_forms()
    {
        using var folder = WorkFolder.Create().WithWorkflow("one-day.yml", OneDay);

        var result = await folder.RunAsync("run", "OneDay", "--day", "2026-02-30");

        result.ExitsWith(InvalidInput)
            .Says("parameter 'day': invalid date '2026-02-30'")
            .Says("yyyy-MM-dd");
        NoStackTrace(result);
    }

    [Fact]
    public async Task Cyclic_requirements_print_the_cycle()
    {
        using var folder = WorkFolder.Create().WithWorkflow("cycle.yml", """
            workflow: Cycle
            tasks:
              A:
                uses: noop
                requires: [B]
              B:
                uses: noop
                requires: [C]
              C:
                uses: noop
                requires: [A]
            """);

        var result = await folder.RunAsync("run", "Cycle");

        result.ExitsWith(InvalidInput).Says("workflows/cycle.yml:").Says("cyclic requirements: A -> B -> C -> A");
    }

    [Fact]
    public async Task A_task_name_used_twice_across_files_is_refused_naming_both_places()
    {
        using var folder = WorkFolder.Create()
            .WithWorkflow("first.yml", """
                workflow: First
                tasks:
                  Shared:
                    uses: noop
                """)
            .WithWorkflow("second.yml", """
                workflow: Second
                tasks:
                  Shared:
                    uses: noop
                """);

        var result = await folder.RunAsync("run", "First");

        result.ExitsWith(InvalidInput)
            .Says("workflows/second.yml:3:3: duplicate task name 'Shared': also declared at workflows/first.yml:3:3");
    }

    [Fact]
    public async Task An_expression_naming_nothing_is_reported_where_it_is_written()
    {
        using var folder = WorkFolder.Create().WithWorkflow("typo.yml", """
            workflow: Typo
            parameters:
              day: date
            tasks:
              Echo:
                uses: shell
                with:
                  command: echo ${dya}
            """);

        var result = await folder.RunAsync("run", "Typo", "--day", "2026-01-01");

        result.ExitsWith(InvalidInput).Says("error: workflows/typo.yml:8:16: task 'Echo': ${dya} names nothing");
    }

    [Fact]
    public async Task An_unknown_workflow_is_refused_naming_the_known_ones()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipe", "--interval", "2026-01");

        result.ExitsWith(InvalidInput).Says("unknown workflow 'DailyPipe': known workflows are DailyPipeline");
    }

    [Fact]
    public async Task Forcing_a_task_that_is_not_part_of_the_run_is_refused()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01", "--force", "Reprot");

        result.ExitsWith(InvalidInput).Says("error: --force Reprot: no task of that name is part of this run");
        Assert.False(Directory.Exists(folder.Path("data")));
    }

    [Fact]
    public async Task A_stray_word_after_the_workflow_is_refused_showing_how_parameters_are_given()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline();

        var result = await folder.RunAsync("run", "DailyPipeline", "--interval", "2026-01-01", "now");

        result.ExitsWith(InvalidInput).Says("error: unexpected argument 'now': workflow parameters are given as --name value");
    }

    [Theory]
    [InlineData("list")]
    [InlineData("config")]
    [InlineData("run DailyPipeline --interval 2026-01-01 --plan")]
    public async Task A_secret_file_others_can_read_is_refused_with_the_chmod_to_run(string command)
    {
        using var folder = WorkFolder.Create().WithDailyPipeline()
            .WithSecret("art:\n  password: s3cr3t-value\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await folder.RunAsync(command.Split(' '));

        result.ExitsWith(InvalidInput)
            .Says("config/secret.yml can be read by group and others (mode 644)")
            .Says("Run: chmod 600 config/secret.yml");
        Assert.DoesNotContain("s3cr3t-value", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_prints_each_problem_as_file_line_column_and_exits_2()
    {
        using var folder = WorkFolder.Create()
            .WithWorkflow("good.yml", OneDay)
            .WithWorkflow("nested/bad.yml", """
                workflow: Bad
                tasks:
                  A:
                    uses: shell
                    with:
                      command: echo ${nothing}
                      colour: blue
                """);

        var result = await folder.RunAsync("validate");

        result.ExitsWith(InvalidInput)
            .Says("workflows/nested/bad.yml:6:16: task 'A': ${nothing} names nothing")
            .Says("workflows/nested/bad.yml:7:15: task 'A': step 'shell' has no input 'colour'")
            .Says("2 problems in 1 file");
        Assert.DoesNotContain("good.yml", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_of_a_good_folder_exits_0_and_counts_its_files()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline().WithWorkflow("one-day.yml", OneDay);

        var result = await folder.RunAsync("validate");

        result.ExitsWith(0).Prints("2 workflow files, 2 workflows: valid");
    }

    [Fact]
    public async Task Validate_of_named_files_checks_only_those()
    {
        using var folder = WorkFolder.Create()
            .WithWorkflow("one-day.yml", OneDay)
            .WithFile("elsewhere/bad.yml", "workflow: Bad\ntasks:\n  A: {uses: nothing-like-this}\n");

        (await folder.RunAsync("validate", "workflows/one-day.yml")).ExitsWith(0);
        (await folder.RunAsync("validate", "elsewhere")).ExitsWith(InvalidInput).Says("elsewhere/bad.yml:3:3: task 'A': unknown step type");
    }

    private static void NoStackTrace(LoaderResult result) =>
        Assert.False(result.Output.Contains("   at ", StringComparison.Ordinal), $"a user's mistake must not print a stack trace.\n{result}");
}
