using Loader.Engine.Tests.TestSupport;
using Loader.Workflows;

namespace Loader.Engine.Tests.Workflows;

public sealed class WorkflowValidatorTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private IReadOnlyList<Diagnostic> Problems(string yaml)
    {
        _sandbox.WriteWorkflow("w.yml", yaml);
        return _sandbox.Catalog().Problems;
    }

    private Diagnostic Problem(string yaml) => Assert.Single(Problems(yaml));

    [Fact]
    public void A_valid_workflow_has_no_problem()
    {
        Assert.Empty(Problems("""
            workflow: W
            parameters:
              interval: interval
              region: {type: string, default: eu}
            tasks:
              Extract:
                per_day: interval
                uses: shell
                with: {command: "echo ${date:yyyyMMdd} ${region} > ${outputs.data}"}
                outputs: {data: "${config.data_dir}/${region}/${date}.csv"}
              Report:
                requires: [Extract]
                uses: shell
                with: {command: "cat ${tasks.Extract.outputs.data} > ${outputs.report}"}
                outputs: {report: "${config.data_dir}/report-${interval.start}-${interval.end}.csv"}
            """));
    }

    [Fact]
    public void A_plain_default_the_parameter_refuses_is_a_problem_at_its_line()
    {
        var problems = Problems("""
            workflow: W
            parameters:
              mode: {type: enum, choices: [a, b], default: c}
              n: {type: int, default: 0, min: 1}
              code: {type: string, default: ab, pattern: "[a-z]"}
              pin: {type: int, default: x, secret: true}
              when: {type: date, default: today}
              limit: {type: int, default: ""}
              from_config: {type: int, default: "${config.n}"}
            tasks:
              A: {uses: noop}
            """);

        Assert.Equal([3, 4, 5, 6], problems.Select(p => p.Span.Line));
        Assert.Equal("default of 'mode': 'c' is not one of a, b", problems[0].Message);
        Assert.Equal("default of 'n': 0 is out of range: give a value 1 or more", problems[1].Message);
        Assert.StartsWith("default of 'code': 'ab' ", problems[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("default of 'pin' (secret, so its value is not shown): ", problems[3].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'x'", problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_step_type_names_the_known_types()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: bash}\n");

        Assert.StartsWith("task 'A': unknown step type 'bash': known types are ", problem.Message);
        Assert.Contains("noop", problem.Message);
        Assert.Contains("shell", problem.Message);
        Assert.Equal(3, problem.Span.Line);
    }

    [Fact]
    public void A_requirement_no_task_is_called_is_reported_where_it_is_written()
    {
        var problem = Problem("workflow: W\ntasks:\n  A:\n    uses: noop\n    requires: [Nope]\n");

        Assert.Equal("task 'A' requires 'Nope', which no task of workflow 'W' is called", problem.Message);
        Assert.Equal(5, problem.Span.Line);
        Assert.Equal(16, problem.Span.Column);
    }

    [Fact]
    public void Requiring_a_task_of_another_workflow_says_to_require_the_workflow()
    {
        _sandbox.WriteWorkflow("other.yml", "workflow: Other\ntasks:\n  Load: {uses: noop}\n");

        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: Load}\n");

        Assert.Equal("task 'A' requires 'Load' of workflow 'Other': require the workflow instead ({workflow: Other, with: {...}})", problem.Message);
    }

    [Fact]
    public void Duplicate_task_names_across_two_files_are_reported_with_both_places()
    {
        _sandbox.WriteWorkflow("a.yml", "workflow: A\ntasks:\n  Extract: {uses: noop}\n");
        _sandbox.WriteWorkflow("b.yml", "workflow: B\ntasks:\n  Other: {uses: noop}\n  Extract: {uses: noop}\n");

        var problem = Assert.Single(_sandbox.Catalog().Problems);

        Assert.EndsWith("b.yml", problem.Span.File);
        Assert.Equal(4, problem.Span.Line);
        Assert.StartsWith("duplicate task name 'Extract': also declared at ", problem.Message);
        Assert.Contains("a.yml:3:3", problem.Message);
        Assert.EndsWith("task names are unique across all workflows", problem.Message);
    }

    [Fact]
    public void Duplicate_workflow_names_are_reported_with_both_places()
    {
        _sandbox.WriteWorkflow("a.yml", "workflow: Daily\ntasks:\n  A: {uses: noop}\n");
        _sandbox.WriteWorkflow("b.yml", "workflow: Daily\ntasks:\n  B: {uses: noop}\n");

        var problem = Assert.Single(_sandbox.Catalog().Problems);

        Assert.EndsWith("b.yml", problem.Span.File);
        Assert.StartsWith("duplicate workflow name 'Daily': also declared at ", problem.Message);
        Assert.Contains("a.yml:1:1", problem.Message);
    }

    [Fact]
    public void Cyclic_requirements_print_the_cycle()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: B}\n  B: {uses: noop, requires: A}\n");

        Assert.Equal("cyclic requirements: A -> B -> A", problem.Message);
        Assert.Equal(3, problem.Span.Line);
    }

    [Fact]
    public void A_longer_cycle_is_printed_once_in_order()
    {
        var problem = Problem("""
            workflow: W
            tasks:
              Goal: {uses: noop, requires: A}
              A: {uses: noop, requires: B}
              B: {uses: noop, requires: C}
              C: {uses: noop, requires: A}
            """);

        Assert.Equal("cyclic requirements: A -> B -> C -> A", problem.Message);
    }

    [Fact]
    public void A_task_requiring_itself_is_a_cycle()
    {
        Assert.Equal("cyclic requirements: A -> A", Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: A}\n").Message);
    }

    [Fact]
    public void A_cycle_through_workflow_requirements_is_reported()
    {
        _sandbox.WriteWorkflow("v.yml", "workflow: V\ntasks:\n  X: {uses: noop, requires: [{workflow: W}]}\n");

        var problem = Problem("workflow: W\ntasks:\n  Y: {uses: noop, requires: [{workflow: V}]}\n");

        Assert.Equal("cyclic requirements: workflow V -> X -> workflow W -> Y -> workflow V", problem.Message);
    }

    [Fact]
    public void An_expression_naming_an_unknown_parameter_lists_the_parameters()
    {
        var problem = Problem("""
            workflow: W
            parameters:
              interval: interval
            tasks:
              A:
                uses: shell
                with: {command: "echo ${colour}"}
            """);

        Assert.StartsWith("task 'A': ${colour} names nothing: parameters of 'W' are interval; also date, today, config.KEY", problem.Message);
        Assert.Equal(7, problem.Span.Line);
    }

    [Fact]
    public void Date_in_a_task_that_is_not_per_day_is_reported()
    {
        var problem = Problem("workflow: W\ntasks:\n  A:\n    uses: shell\n    with: {command: \"echo ${date}\"}\n");

        Assert.Equal("task 'A': ${date} names nothing: ${date} exists only in a per_day task", problem.Message);
    }

    [Fact]
    public void Outputs_of_a_task_that_is_not_required_are_reported()
    {
        var problem = Problem("""
            workflow: W
            tasks:
              A:
                uses: noop
                outputs: {data: /tmp/a}
              B:
                uses: shell
                with: {command: "cat ${tasks.A.outputs.data}"}
            """);

        Assert.Equal("task 'B': ${tasks.A.outputs.data} names nothing: use ${tasks.TASK.outputs.NAME} for a task this task requires", problem.Message);
    }

    [Fact]
    public void An_output_a_required_task_does_not_have_is_reported()
    {
        var problem = Problem("""
            workflow: W
            tasks:
              A:
                uses: noop
                outputs: {data: /tmp/a}
              B:
                requires: A
                uses: shell
                with: {command: "cat ${tasks.A.outputs.dat}"}
            """);

        Assert.StartsWith("task 'B': ${tasks.A.outputs.dat} names nothing", problem.Message);
    }

    [Fact]
    public void Own_outputs_can_be_named_only_under_with()
    {
        var problem = Problem("workflow: W\ntasks:\n  A:\n    uses: noop\n    outputs: {a: /tmp/a, b: \"${outputs.a}.bak\"}\n");

        Assert.Equal("task 'A': ${outputs.a} names nothing: outputs are named a, b and can be used only under 'with'", problem.Message);
    }

    [Fact]
    public void Interval_members_are_known_and_other_parameters_have_none()
    {
        var problems = Problems("""
            workflow: W
            parameters: {interval: interval, region: string}
            tasks:
              A: {uses: noop, outputs: {a: "/tmp/${interval.start}-${interval.middle}-${region.start}"}}
            """);

        Assert.Equal(
            [
                "task 'A': ${interval.middle} names nothing: an interval has start, end, days, hours, range, next and prev, as in ${interval.start} or ${interval.prev.end}",
                "task 'A': ${region.start} names nothing: parameter 'region' is not an interval, so it has no start",
            ],
            problems.Select(p => p.Message));
    }

    [Fact]
    public void Config_needs_a_key()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, outputs: {a: \"${config}/a\"}}\n");

        Assert.EndsWith("use ${config.KEY} or ${config.SECTION.KEY}", problem.Message);
    }

    [Fact]
    public void Per_day_naming_a_parameter_that_is_not_an_interval_is_reported()
    {
        var problem = Problem("workflow: W\nparameters:\n  day: date\ntasks:\n  A: {uses: noop, per_day: day}\n");

        Assert.Equal("task 'A': per_day names 'day', which is not an interval parameter of workflow 'W'", problem.Message);
    }

    [Fact]
    public void Per_day_naming_no_parameter_is_reported()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, per_day: interval}\n");

        Assert.Equal("task 'A': per_day names 'interval', which is not an interval parameter of workflow 'W'", problem.Message);
    }

    [Fact]
    public void An_unknown_step_input_names_the_inputs_of_the_step()
    {
        var problem = Problem("workflow: W\ntasks:\n  A:\n    uses: shell\n    with:\n      command: echo\n      comand: echo\n");

        Assert.Equal("task 'A': step 'shell' has no input 'comand': its inputs are command, args, env, workdir", problem.Message);
        Assert.Equal(7, problem.Span.Line);
    }

    [Fact]
    public void A_missing_required_step_input_is_reported()
    {
        var problem = Problem("workflow: W\ntasks:\n  A:\n    uses: shell\n    with: {workdir: /tmp}\n");

        Assert.StartsWith("task 'A': step 'shell' needs input 'command' (", problem.Message);
    }

    [Fact]
    public void A_step_with_no_inputs_says_so()
    {
        Assert.Equal(
            "task 'A': step 'noop' has no input 'x': its inputs are none",
            Problem("workflow: W\ntasks:\n  A: {uses: noop, with: {x: 1}}\n").Message);
    }

    [Fact]
    public void A_date_parameter_is_refused_only_beside_per_day_tasks()
    {
        var problem = Problem("workflow: W\nparameters:\n  date: date\n  days: interval\ntasks:\n  A: {uses: noop, per_day: days}\n");

        Assert.Equal("parameter name 'date' is taken by the day of per-day task 'A': choose another name", problem.Message);
    }

    [Theory]
    [InlineData("config")]
    [InlineData("tasks")]
    [InlineData("today")]
    public void A_reserved_parameter_name_is_refused(string name)
    {
        var problem = Problem($"workflow: W\nparameters:\n  {name}: string\ntasks:\n  A: {{uses: noop}}\n");

        Assert.Equal($"parameter name '{name}' is reserved: choose another name", problem.Message);
    }

    [Fact]
    public void A_default_may_name_another_parameter_config_or_today_only()
    {
        var problem = Problem("""
            workflow: W
            parameters:
              start: {type: date, default: "${today}"}
              folder: {type: string, default: "${config.data_dir}/${start}"}
              end: {type: date, default: "${finish}"}
            tasks:
              A: {uses: noop}
            """);

        Assert.Equal("default of 'end' names ${finish}, which is neither another parameter, config.KEY nor today", problem.Message);
        Assert.Equal(5, problem.Span.Line);
    }

    [Fact]
    public void Runs_on_must_be_a_known_placement()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, runs_on: emr}\n");

        Assert.Equal("task 'A': runs_on 'emr' is not known here: use one of local", problem.Message);
    }

    [Fact]
    public void A_step_runs_only_on_its_own_placement()
    {
        _sandbox.Steps.Add(new ClusterStep()).Add(new ClusterPlacement());

        Assert.Equal(
            "task 'A': step 'noop' runs in the driving process, not on cluster: remove runs_on, or use a step made for cluster",
            Problem("workflow: W\ntasks:\n  A: {uses: noop, runs_on: cluster}\n").Message);
        Assert.Equal(
            "task 'A': step 'cluster.job' runs on cluster: add 'runs_on: cluster'",
            Problem("workflow: W\ntasks:\n  A: {uses: cluster.job}\n").Message);
        Assert.Empty(Problems("workflow: W\ntasks:\n  A: {uses: cluster.job, runs_on: cluster}\n"));
    }

    [Fact]
    public void A_workflow_runs_here_or_over_ssh()
    {
        var problem = Problem("workflow: W\nruns_on: emr\ntasks:\n  A: {uses: noop}\n");

        Assert.Equal("a workflow's runs_on is local (this machine, the default) or ssh (the host in the remote: config section), not 'emr'", problem.Message);
        Assert.Equal(2, problem.Span.Line);
        Assert.Empty(Problems("workflow: W\nruns_on: ssh\ntasks:\n  A: {uses: noop}\n"));
    }

    private sealed class ClusterStep : Loader.Steps.IStep
    {
        public Loader.Steps.StepDescriptor Descriptor { get; } = new("cluster.job", "Runs on a cluster.", [], RunsOn: "cluster");

        public Task RunAsync(Loader.Steps.StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ClusterPlacement : Loader.Steps.IPlacement
    {
        public string Name => "cluster";

        public Task<Loader.Steps.IPlacementSession> OpenAsync(Loader.Steps.PlacementContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException("validation never opens a placement");
    }

    [Fact]
    public void A_literal_timeout_must_be_a_duration()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, timeout: soon}\n");

        Assert.StartsWith("task 'A': timeout: invalid duration 'soon'", problem.Message);
    }

    [Fact]
    public void A_workflow_requirement_must_name_a_declared_workflow()
    {
        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: [{workflow: Nowhere}]}\n");

        Assert.Equal("task 'A' requires workflow 'Nowhere', which is not declared in any workflow file", problem.Message);
    }

    [Fact]
    public void A_workflow_requirement_may_set_only_parameters_of_that_workflow()
    {
        _sandbox.WriteWorkflow("other.yml", "workflow: Other\nparameters: {day: date}\ntasks:\n  Load: {uses: noop}\n");

        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: [{workflow: Other, with: {day: today, colour: red}}]}\n");

        Assert.Equal("workflow 'Other' has no parameter 'colour': its parameters are day", problem.Message);
    }

    [Fact]
    public void A_workflow_requirement_checks_its_expressions_against_the_requiring_task()
    {
        _sandbox.WriteWorkflow("other.yml", "workflow: Other\nparameters: {day: date}\ntasks:\n  Load: {uses: noop}\n");

        var problem = Problem("workflow: W\ntasks:\n  A: {uses: noop, requires: [{workflow: Other, with: {day: \"${date}\"}}]}\n");

        Assert.Equal("task 'A': ${date} names nothing: ${date} exists only in a per_day task", problem.Message);
    }
}
