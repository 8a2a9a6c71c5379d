using Loader.Expressions;
using Loader.Parameters;
using Loader.Targets;
using Loader.Workflows;

namespace Loader.Engine.Tests.Workflows;

public sealed class WorkflowFileReaderTests
{
    private const string File = "flows/w.yml";

    private static WorkflowDefinition Read(string yaml) => WorkflowFileReader.Read(File, yaml);

    private static IReadOnlyList<Diagnostic> Problems(string yaml) =>
        Assert.Throws<WorkflowException>(() => Read(yaml)).Diagnostics;

    private static TaskDefinition OnlyTask(string taskYaml) =>
        Assert.Single(Read("workflow: W\ntasks:\n  A:\n" + taskYaml).Tasks);

    [Fact]
    public void A_workflow_file_gives_its_name_parameters_and_tasks()
    {
        var workflow = Read("""
            workflow: DailyPipeline
            description: Days in, totals out.
            parameters:
              interval: interval
            tasks:
              Extract:
                per_day: interval
                uses: shell
                with:
                  command: echo ${date}
            """);

        Assert.Equal("DailyPipeline", workflow.Name);
        Assert.Equal("Days in, totals out.", workflow.Description);
        Assert.Equal("interval", Assert.Single(workflow.Parameters).Name);
        var task = Assert.Single(workflow.Tasks);
        Assert.Equal(("Extract", "DailyPipeline", "shell", "interval"), (task.Family, task.Workflow, task.Uses, task.PerDay));
        Assert.Equal(new SourceSpan(File, 6, 3), task.Span);
    }

    [Fact]
    public void A_task_takes_defaults_for_what_it_does_not_say()
    {
        var task = OnlyTask("    uses: noop\n");

        Assert.Equal("local", task.RunsOn);
        Assert.Equal(RetrySettings.None, task.Retry);
        Assert.Empty(Assert.IsType<TemplateMap>(task.With).Entries);
        Assert.Empty(task.Requires);
        Assert.Empty(task.Outputs);
        Assert.Null(task.PerDay);
        Assert.Null(task.OverwriteNDays);
        Assert.Null(task.Timeout);
    }

    [Fact]
    public void Malformed_yaml_reports_file_line_and_column()
    {
        var problem = Assert.Single(Problems("""
            workflow: W
            tasks:
              A:
                uses: shell
                with: {command: "echo
            """));

        Assert.Equal("malformed YAML: While scanning a quoted scalar, found unexpected end of stream.", problem.Message);
        Assert.Equal(new SourceSpan(File, 5, 21), problem.Span);
        Assert.StartsWith("flows/w.yml:5:21: malformed YAML", problem.ToString());
    }

    [Fact]
    public void Malformed_indentation_names_the_line_where_it_goes_wrong()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A:\n    uses: shell\n   bad: x\n"));

        Assert.StartsWith("malformed YAML", problem.Message);
        Assert.Equal(5, problem.Span.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    public void A_file_that_is_not_a_mapping_is_refused_at_its_start(string yaml)
    {
        var problem = Assert.Single(Problems(yaml));

        Assert.Equal(new SourceSpan(File, 1, 1), problem.Span);
        Assert.Contains("must be a mapping with 'workflow', 'parameters' and 'tasks'", problem.Message);
    }

    [Fact]
    public void An_unknown_workflow_key_names_the_key_and_the_expected_ones()
    {
        var problems = Problems("workflow: W\ntaks:\n  A: {uses: noop}\n");

        Assert.Contains(problems, p => p.Span == new SourceSpan(File, 2, 1)
            && p.Message == "unknown key 'taks' in workflow: expected one of workflow, description, runs_on, parameters, tasks");
        Assert.Contains(problems, p => p.Message == "a workflow needs 'tasks'");
    }

    [Fact]
    public void An_unknown_task_key_is_reported_where_it_is_written()
    {
        var problems = Problems("workflow: W\ntasks:\n  A:\n    use: shell\n");

        Assert.Contains(problems, p => p.Span == new SourceSpan(File, 4, 5) && p.Message.StartsWith("unknown key 'use' in task 'A': expected one of description, uses,", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Span == new SourceSpan(File, 4, 5) && p.Message.StartsWith("missing 'uses'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_workflow_name_is_reported()
    {
        var problem = Assert.Single(Problems("tasks:\n  A: {uses: noop}\n"));

        Assert.StartsWith("missing 'workflow': the workflow's name", problem.Message);
    }

    [Fact]
    public void An_unknown_parameter_key_is_reported()
    {
        var problem = Assert.Single(Problems("workflow: W\nparameters:\n  day: {type: date, defualt: today}\ntasks: {}\n"));

        Assert.StartsWith("unknown key 'defualt' in parameter 'day'", problem.Message);
    }

    [Fact]
    public void An_unknown_parameter_type_names_the_types_at_the_type_value()
    {
        var problem = Assert.Single(Problems("workflow: W\nparameters:\n  interval:\n    type: intervl\ntasks: {}\n"));

        Assert.Equal(new SourceSpan(File, 4, 11), problem.Span);
        Assert.Equal("unknown parameter type 'intervl': use one of string, int, float, bool, date, hour, month, interval, duration, enum, list", problem.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("datetime")]
    public void A_shorthand_parameter_type_must_be_a_known_name(string type)
    {
        var problem = Assert.Single(Problems($"workflow: W\nparameters:\n  p: {type}\ntasks: {{}}\n"));

        Assert.Equal(new SourceSpan(File, 3, 3), problem.Span);
        Assert.StartsWith($"unknown parameter type '{type}'", problem.Message);
    }

    [Fact]
    public void A_shorthand_parameter_is_significant_not_secret_and_required()
    {
        var parameter = Assert.Single(Read("workflow: W\nparameters:\n  interval: Interval\ntasks: {}\n").Parameters);

        Assert.Equal(ParameterKind.Interval, parameter.Kind);
        Assert.True(parameter.Significant);
        Assert.False(parameter.Secret);
        Assert.Null(parameter.Default);
    }

    [Fact]
    public void A_parameter_mapping_gives_its_default_significance_secrecy_and_description()
    {
        var parameter = Assert.Single(Read("""
            workflow: W
            parameters:
              overwrite_n_days: {type: int, default: 3, significant: false, secret: yes, description: Days to redo}
            tasks: {}
            """).Parameters);

        Assert.Equal(ParameterKind.Int, parameter.Kind);
        Assert.Equal("3", parameter.Default);
        Assert.False(parameter.Significant);
        Assert.True(parameter.Secret);
        Assert.Equal("Days to redo", parameter.Description);
    }

    [Fact]
    public void A_parameter_without_type_is_a_string()
    {
        Assert.Equal(ParameterKind.String, Assert.Single(Read("workflow: W\nparameters:\n  p: {default: x}\ntasks: {}\n").Parameters).Kind);
    }

    [Fact]
    public void A_list_default_is_joined_with_commas()
    {
        var parameter = Assert.Single(Read("workflow: W\nparameters:\n  sources: {type: list, default: [web, mobile]}\ntasks: {}\n").Parameters);

        Assert.Equal("web,mobile", parameter.Default);
    }

    [Fact]
    public void An_enum_parameter_needs_choices()
    {
        var problem = Assert.Single(Problems("workflow: W\nparameters:\n  mode: {type: enum}\ntasks: {}\n"));

        Assert.Equal("enum parameter 'mode' needs 'choices'", problem.Message);
    }

    [Fact]
    public void An_enum_parameter_keeps_its_choices_in_order()
    {
        var parameter = Assert.Single(Read("workflow: W\nparameters:\n  mode: {type: enum, choices: [full, incremental]}\ntasks: {}\n").Parameters);

        Assert.Equal(["full", "incremental"], parameter.Choices);
    }

    [Fact]
    public void A_flag_that_is_not_true_or_false_is_reported()
    {
        var problem = Assert.Single(Problems("workflow: W\nparameters:\n  p: {type: int, significant: maybe}\ntasks: {}\n"));

        Assert.Equal("'significant' must be true or false, not 'maybe'", problem.Message);
    }

    [Fact]
    public void Outputs_take_every_form()
    {
        var task = OnlyTask("""
                uses: noop
                outputs:
                  data: /d/x.csv
                  partition: /d/dt=2016-01-01/
                  file: {file: /d/f.bin}
                  folder: {folder: /d/dir}
                  flagged: {flag: /d/flagged}
                  marker: {marker: /d/m.json}
            """);

        Assert.Equal(
            [
                ("data", TargetKind.File, "/d/x.csv"),
                ("partition", TargetKind.Flag, "/d/dt=2016-01-01/"),
                ("file", TargetKind.File, "/d/f.bin"),
                ("folder", TargetKind.Folder, "/d/dir"),
                ("flagged", TargetKind.Flag, "/d/flagged"),
                ("marker", TargetKind.Marker, "/d/m.json"),
            ],
            task.Outputs.Select(o => (o.Name, o.Kind, o.Path.Text)));
    }

    [Fact]
    public void Output_paths_are_templates()
    {
        var output = Assert.Single(OnlyTask("    uses: noop\n    outputs:\n      events: ${config.data_dir}/extract/${date}.csv\n").Outputs);

        Assert.Equal(["config.data_dir", "date"], output.Path.Expressions.Select(e => string.Join('.', e.Path)));
    }

    [Theory]
    [InlineData("{bucket: s3://b/k}")]
    [InlineData("{file: /a, flag: /b}")]
    [InlineData("[/a, /b]")]
    [InlineData("{file: [/a]}")]
    public void An_output_of_another_form_names_the_forms(string form)
    {
        var problem = Assert.Single(Problems($"workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs:\n      data: {form}\n"));

        Assert.Equal(new SourceSpan(File, 6, 13), problem.Span);
        Assert.StartsWith("output 'data' must be a path (a folder path ends with '/' and counts when its _SUCCESS flag exists) or one of {file: PATH}, {folder: PATH}, {flag: PATH}, {marker: PATH}", problem.Message);
    }

    [Fact]
    public void An_output_kind_that_is_a_number_is_refused()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs:\n      data: {2: /d/x}\n"));

        Assert.StartsWith("output 'data' must be a path", problem.Message);
    }

    [Fact]
    public void Retry_as_a_number_is_the_attempts_with_default_delays()
    {
        var retry = OnlyTask("    uses: noop\n    retry: 3\n").Retry;

        Assert.Equal(RetrySettings.None with { Attempts = 3 }, retry);
    }

    [Fact]
    public void Retry_as_a_mapping_gives_attempts_delay_and_max_delay()
    {
        var retry = OnlyTask("    uses: noop\n    retry: {attempts: 4, delay: 100ms, max_delay: 2s}\n").Retry;

        Assert.Equal(new RetrySettings(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)), retry);
    }

    [Fact]
    public void Retry_as_a_mapping_keeps_defaults_for_what_it_does_not_say()
    {
        var retry = OnlyTask("    uses: noop\n    retry: {delay: 5s}\n").Retry;

        Assert.Equal(RetrySettings.None with { Delay = TimeSpan.FromSeconds(5) }, retry);
    }

    [Fact]
    public void A_retry_delay_past_the_default_max_delay_raises_it()
    {
        var retry = OnlyTask("    uses: noop\n    retry: {delay: 5m}\n").Retry;

        Assert.Equal(RetrySettings.None with { Delay = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromMinutes(5) }, retry);
    }

    [Theory]
    [InlineData("retry: 0", "retry is a number of attempts or {attempts: N, delay: 1s, max_delay: 1m}")]
    [InlineData("retry: many", "retry is a number of attempts or {attempts: N, delay: 1s, max_delay: 1m}")]
    [InlineData("retry: [3]", "retry is a number of attempts or {attempts: N, delay: 1s, max_delay: 1m}")]
    [InlineData("retry: {attempts: 0}", "retry attempts must be a whole number from 1 to 100, not '0'")]
    [InlineData("retry: {attempts: -2}", "retry attempts must be a whole number from 1 to 100, not '-2'")]
    [InlineData("retry: {attempts: 101}", "retry attempts must be a whole number from 1 to 100, not '101'")]
    [InlineData("retry: 101", "retry attempts must be a whole number from 1 to 100, not '101'")]
    [InlineData("retry: {delay: 0s}", "retry delay must be from 100ms to 1d, not '0s'")]
    [InlineData("retry: {delay: 2d}", "retry delay must be from 100ms to 1d, not '2d'")]
    [InlineData("retry: {delay: 2s, max_delay: 1s}", "retry max_delay (1s) is shorter than delay (2s): make max_delay at least delay")]
    [InlineData("retry: {delay: soon}", "invalid duration 'soon': use forms like 250ms, 90s, 5m, 2h30m, 1d or hh:mm:ss")]
    [InlineData("retry: {tries: 3}", "unknown key 'tries' in retry: expected one of attempts, delay, max_delay")]
    public void A_bad_retry_says_what_a_retry_is(string line, string message)
    {
        var problem = Assert.Single(Problems($"workflow: W\ntasks:\n  A:\n    uses: noop\n    {line}\n"));

        Assert.Equal(message, problem.Message);
        Assert.Equal(5, problem.Span.Line);
    }

    [Fact]
    public void Requires_as_one_name_is_one_task_requirement()
    {
        var requirement = Assert.Single(OnlyTask("    uses: noop\n    requires: B\n").Requires);

        Assert.Equal("B", Assert.IsType<TaskRequirement>(requirement).Family);
        Assert.Equal(new SourceSpan(File, 5, 15), requirement.Span);
    }

    [Fact]
    public void Requires_as_a_list_takes_names_task_forms_and_workflow_forms()
    {
        var requires = OnlyTask("""
                uses: noop
                requires:
                  - B
                  - {task: C}
                  - {workflow: Other, with: {day: "${date}", region: eu}}
            """).Requires;

        Assert.Equal("B", Assert.IsType<TaskRequirement>(requires[0]).Family);
        Assert.Equal("C", Assert.IsType<TaskRequirement>(requires[1]).Family);
        var other = Assert.IsType<WorkflowRequirement>(requires[2]);
        Assert.Equal("Other", other.Workflow);
        Assert.Equal(["day", "region"], other.With.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("${date}", other.With["day"].Text);
        Assert.Equal(3, requires.Count);
    }

    [Theory]
    [InlineData("[{foo: bar}]")]
    [InlineData("[[B]]")]
    [InlineData("[\"\"]")]
    public void A_requirement_of_another_form_names_the_forms(string form)
    {
        var problem = Assert.Single(Problems($"workflow: W\ntasks:\n  A:\n    uses: noop\n    requires: {form}\n"));

        Assert.Equal("a requirement is a task name, {task: NAME} or {workflow: NAME, with: {param: value}}", problem.Message);
    }

    [Fact]
    public void A_task_requirement_with_extra_keys_is_reported()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A:\n    uses: noop\n    requires: [{task: B, with: {x: 1}}]\n"));

        Assert.StartsWith("unknown key 'with' in a task requirement", problem.Message);
    }

    [Fact]
    public void With_must_be_a_mapping()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A:\n    uses: shell\n    with: echo hi\n"));

        Assert.Equal("'with' of task 'A' must be a mapping of input names to values", problem.Message);
        Assert.Equal(new SourceSpan(File, 5, 11), problem.Span);
    }

    [Fact]
    public void With_values_keep_lists_and_maps_as_written()
    {
        var with = Assert.IsType<TemplateMap>(OnlyTask("""
                uses: shell
                with:
                  command: run
                  args: [--day, "${date}"]
                  env: {REGION: eu}
            """).With);

        Assert.Equal(["command", "args", "env"], with.Entries.Select(e => e.Key));
        Assert.Equal(2, Assert.IsType<TemplateList>(with["args"]).Items.Count);
        Assert.IsType<TemplateMap>(with["env"]);
    }

    [Fact]
    public void Task_settings_are_read_as_templates()
    {
        var task = OnlyTask("""
                uses: noop
                per_day: interval
                overwrite_n_days: ${overwrite_n_days}
                timeout: 90s
                runs_on: emr
            """);

        Assert.Equal("interval", task.PerDay);
        Assert.Equal("${overwrite_n_days}", task.OverwriteNDays!.Text);
        Assert.Equal("90s", task.Timeout!.Text);
        Assert.Equal("emr", task.RunsOn);
    }

    [Fact]
    public void An_unclosed_expression_is_reported_at_its_value()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo ${date\n"));

        Assert.Equal(new SourceSpan(File, 6, 16), problem.Span);
        Assert.StartsWith("unclosed expression", problem.Message);
    }

    [Fact]
    public void A_task_that_is_not_a_mapping_is_reported()
    {
        var problem = Assert.Single(Problems("workflow: W\ntasks:\n  A: shell\n"));

        Assert.Equal("task 'A' must be a mapping with 'uses'", problem.Message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var problems = Problems("""
            workflow: W
            parameters:
              a: {type: colour}
              b: {type: enum}
            tasks:
              A:
                uses: noop
                retry: never
              B:
                uses: noop
                outputs:
                  x: {bucket: y}
            """);

        Assert.Equal([3, 4, 8, 12], problems.Select(p => p.Span.Line).Order());
    }

    [Fact]
    public void Read_from_a_path_names_the_path_in_problems()
    {
        var path = Path.Combine(Path.GetTempPath(), $"loader-reader-{Guid.NewGuid():N}.yml");
        System.IO.File.WriteAllText(path, "workflow: W\ntasks:\n  A: {uses: noop, colour: red}\n");
        try
        {
            var problem = Assert.Single(Assert.Throws<WorkflowException>(() => WorkflowFileReader.Read(path)).Diagnostics);

            Assert.Equal(path, problem.Span.File);
            Assert.StartsWith($"{path}:3:", problem.ToString());
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
