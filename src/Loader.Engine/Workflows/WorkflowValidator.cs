using Loader.Expressions;
using Loader.Parameters;
using Loader.Steps;
using Loader.Targets;

namespace Loader.Workflows;

/// <summary>Checks workflows against each other and the known step types: names, requirements, expressions, shared outputs and cycles.</summary>
internal sealed partial class WorkflowValidator(IReadOnlyList<WorkflowDefinition> workflows, StepRegistry steps)
{
    private readonly List<Diagnostic> _problems = [];

    public List<Diagnostic> Validate()
    {
        CheckUniqueNames();
        foreach (var workflow in workflows)
        {
            foreach (var parameter in workflow.Parameters)
            {
                CheckParameter(workflow, parameter);
            }
            foreach (var task in workflow.Tasks)
            {
                CheckTask(workflow, task);
            }
        }
        CheckSharedOutputs();
        CheckCycles();
        return _problems;
    }

    private void CheckUniqueNames()
    {
        foreach (var group in workflows.GroupBy(w => w.Name).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                Problem(duplicate.Span, $"duplicate workflow name '{group.Key}': also declared at {group.First().Span}");
            }
        }
        foreach (var group in workflows.SelectMany(w => w.Tasks).GroupBy(t => t.Family).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                Problem(duplicate.Span, $"duplicate task name '{group.Key}': also declared at {group.First().Span}; task names are unique across all workflows");
            }
        }
    }

    private void CheckParameter(WorkflowDefinition workflow, ParameterSpec parameter)
    {
        if (parameter.Name is "config" or "tasks" or "outputs" or "task" or "today" or "run")
        {
            Problem(parameter.Span, $"parameter name '{parameter.Name}' is reserved: choose another name");
        }
        if (parameter.Name == "date" && workflow.Tasks.FirstOrDefault(t => t.PerDay is not null) is { } perDay)
        {
            Problem(parameter.Span, $"parameter name 'date' is taken by the day of per-day task '{perDay.Family}': choose another name");
        }
        if (parameter.Name == "hour" && workflow.Tasks.FirstOrDefault(t => t.PerHour is not null) is { } perHour)
        {
            Problem(parameter.Span, $"parameter name 'hour' is taken by the hour of per-hour task '{perHour.Family}': choose another name");
        }
        if (parameter.Default is { } text)
        {
            try
            {
                var template = Template.Parse(text, parameter.Span);
                foreach (var expression in template.Expressions)
                {
                    var other = workflow.Parameter(expression.Root) is { } p && p != parameter ? p : null;
                    var known = expression.Root is "config" or "today" || other is not null;
                    if (!known)
                    {
                        Problem(parameter.Span, $"default of '{parameter.Name}' names {expression}, which is neither another parameter, config.KEY nor today");
                    }
                    else if (other is { Kind: ParameterKind.Interval } && !IntervalMembers.Names(expression.Path.Skip(1)))
                    {
                        Problem(parameter.Span, $"default of '{parameter.Name}' names {expression}: an interval has {IntervalMembers.Known}");
                    }
                    else if (other is { Kind: not ParameterKind.Interval } && expression.Path.Count > 1)
                    {
                        Problem(parameter.Span, $"default of '{parameter.Name}' names {expression}: parameter '{other.Name}' is not an interval, so it has no {expression.Path[1]}");
                    }
                    CheckCount(workflow, expression, $"default of '{parameter.Name}'");
                }
                if (template.IsLiteral && text != ParameterParser.Unset)
                {
                    CheckLiteralDefault(parameter, text);
                }
            }
            catch (WorkflowException e)
            {
                _problems.AddRange(e.Diagnostics);
            }
        }
    }

    /// <summary>A default written as a plain value must be one the parameter accepts (its type, choices, min, max, pattern).</summary>
    private void CheckLiteralDefault(ParameterSpec parameter, string text)
    {
        try
        {
            new ParameterParser(TimeProvider.System).Parse(parameter, text, parameter.Secret);
        }
        catch (FormatException e)
        {
            // The parser says "parameter 'n': ..." or "parameter 'n' (secret, ...): ...".
            var reason = e.Message.StartsWith($"parameter '{parameter.Name}'", StringComparison.Ordinal)
                ? e.Message[$"parameter '{parameter.Name}'".Length..]
                : $": {e.Message}";
            Problem(parameter.Span, $"default of '{parameter.Name}'{reason}");
        }
    }

    private void CheckTask(WorkflowDefinition workflow, TaskDefinition task)
    {
        var step = steps.Find(task.Uses);
        if (step is null)
        {
            Problem(task.Span, $"task '{task.Family}': unknown step type '{task.Uses}': known types are {string.Join(", ", steps.Descriptors.Select(d => d.Name))}");
        }
        else if (task.With is TemplateMap with)
        {
            foreach (var (name, value) in with.Entries)
            {
                var span = value.Templates().FirstOrDefault()?.Span ?? task.Span;
                if (step.Descriptor.Input(name) is not { } input)
                {
                    Problem(span, $"task '{task.Family}': step '{task.Uses}' has no input '{name}': its inputs are {Names(step.Descriptor)}");
                }
                else if (InputShape.Problem(input, value) is { } shape)
                {
                    Problem(span, $"task '{task.Family}': input '{name}' of step '{task.Uses}' {shape}");
                }
            }
            foreach (var input in step.Descriptor.Inputs.Where(i => i.Required && i.Default is null && with[i.Name] is null))
            {
                Problem(task.Span, $"task '{task.Family}': step '{task.Uses}' needs input '{input.Name}' ({input.Help})");
            }
        }
        if (!steps.Placements.Contains(task.RunsOn))
        {
            Problem(task.Span, $"task '{task.Family}': runs_on '{task.RunsOn}' is not known here: use one of {string.Join(", ", steps.Placements)}");
        }
        else if (step is not null && step.Descriptor.RunsOn != task.RunsOn)
        {
            Problem(task.Span, step.Descriptor.RunsOn == "local"
                ? $"task '{task.Family}': step '{task.Uses}' runs in the driving process, not on {task.RunsOn}: remove runs_on, or use a step made for {task.RunsOn}"
                : $"task '{task.Family}': step '{task.Uses}' runs on {step.Descriptor.RunsOn}: add 'runs_on: {step.Descriptor.RunsOn}'");
        }
        if (task.PerDay is { } perDay && workflow.Parameter(perDay)?.Kind != ParameterKind.Interval)
        {
            Problem(task.Span, $"task '{task.Family}': per_day names '{perDay}', which is not an interval parameter of workflow '{workflow.Name}'");
        }
        CheckPerHour(workflow, task);
        if (task.Timeout is { IsLiteral: true } timeout)
        {
            try
            {
                Durations.Parse(timeout.Text);
            }
            catch (FormatException e)
            {
                Problem(timeout.Span, $"task '{task.Family}': timeout: {e.Message}");
            }
        }
        foreach (var output in task.Outputs.Where(o => o.Path.Text.Trim().Length == 0))
        {
            Problem(output.Span, $"task '{task.Family}': output '{output.Name}' has an empty path");
        }
        if (task.OverwriteNDays is { IsLiteral: true } overwrite && !(int.TryParse(overwrite.Text, out var days) && days >= 0))
        {
            Problem(overwrite.Span, $"task '{task.Family}': overwrite_n_days must be a whole number of 0 or more, or an expression such as ${{overwrite_n_days}}, not '{overwrite.Text}'");
        }
        foreach (var requirement in task.Requires)
        {
            CheckRequirement(workflow, task, requirement);
        }
        var required = task.Requires.OfType<TaskRequirement>().Select(r => r.Family).ToHashSet();
        foreach (var template in TemplatesOf(task))
        {
            foreach (var expression in template.Expressions)
            {
                CheckExpression(workflow, task, required, expression, inWith: task.With.Templates().Contains(template));
            }
        }
    }

    private void CheckRequirement(WorkflowDefinition workflow, TaskDefinition task, Requirement requirement)
    {
        switch (requirement)
        {
            case TaskRequirement r when workflow.Task(r.Family) is null:
                var elsewhere = workflows.FirstOrDefault(w => w.Task(r.Family) is not null);
                Problem(r.Span, elsewhere is null
                    ? $"task '{task.Family}' requires '{r.Family}', which no task of workflow '{workflow.Name}' is called"
                    : $"task '{task.Family}' requires '{r.Family}' of workflow '{elsewhere.Name}': require the workflow instead ({{workflow: {elsewhere.Name}, with: {{...}}}})");
                break;
            case WorkflowRequirement r:
                var other = workflows.FirstOrDefault(w => w.Name == r.Workflow);
                if (other is null)
                {
                    Problem(r.Span, $"task '{task.Family}' requires workflow '{r.Workflow}', which is not declared in any workflow file");
                    break;
                }
                foreach (var name in r.With.Keys.Where(k => other.Parameter(k) is null))
                {
                    Problem(r.With[name].Span, $"workflow '{other.Name}' has no parameter '{name}': its parameters are {string.Join(", ", other.Parameters.Select(p => p.Name))}");
                }
                foreach (var expression in r.With.Values.SelectMany(t => t.Expressions))
                {
                    CheckExpression(workflow, task, [], expression, inWith: false);
                }
                break;
        }
    }

    private void CheckExpression(WorkflowDefinition workflow, TaskDefinition task, HashSet<string> required, Expression e, bool inWith)
    {
        var path = e.Path;
        var ok = e.Root switch
        {
            "date" => (task.PerDay is not null || workflow.Parameter("date") is not null) && path.Count == 1,
            "hour" when task.PerHour is not null => path.Count == 1 || (path.Count == 2 && path[1] == "date"),
            "today" => path.Count == 1,
            "config" => path.Count >= 2,
            "task" => path.Count == 2 && path[1] is "key" or "family" or "id",
            "run" => inWith && path.Count == 2 && path[1] == "id",
            "outputs" => inWith && path.Count == 2 && task.Outputs.Any(o => o.Name == path[1]),
            "tasks" => path.Count == 4 && path[2] == "outputs" && required.Contains(path[1])
                && workflow.Task(path[1])?.Outputs.Any(o => o.Name == path[3]) == true,
            _ => workflow.Parameter(e.Root) is { } p
                && (path.Count == 1
                    || (p.Kind == ParameterKind.Interval && IntervalMembers.Names(path.Skip(1)))
                    || (p.Kind == ParameterKind.Hour && path.Count == 2 && path[1] == "date")),
        };
        if (!ok)
        {
            Problem(e.Span, $"task '{task.Family}': {e} names nothing: {Hint(workflow, task, e)}");
        }
        CheckCount(workflow, e, $"task '{task.Family}'");
    }

    /// <summary>A shift counted by a parameter (<c>${end_date - weeks w}</c>) needs an <c>int</c> parameter of that name.</summary>
    private void CheckCount(WorkflowDefinition workflow, Expression e, string where)
    {
        if (e.Shift?.Count is { } count && workflow.Parameter(count)?.Kind != ParameterKind.Int)
        {
            Problem(e.Span, $"{where}: {e} counts its shift by '{count}', which is not an int parameter of workflow '{workflow.Name}'");
        }
    }

    private static string Hint(WorkflowDefinition workflow, TaskDefinition task, Expression e) => e.Root switch
    {
        "date" => task.PerHour is null ? "${date} exists only in a per_day task" : "a per_hour task has ${hour} and its day ${hour.date}",
        "hour" when task.PerHour is not null => "a per_hour task has ${hour} and its day ${hour.date}",
        "hour" when workflow.Parameter("hour") is null => "${hour} exists only in a per_hour task",
        "run" => "${run.id} can be used only under 'with'",
        "outputs" => $"outputs are named {string.Join(", ", task.Outputs.Select(o => o.Name))} and can be used only under 'with'",
        "tasks" => "use ${tasks.TASK.outputs.NAME} for a task this task requires",
        "config" => "use ${config.KEY} or ${config.SECTION.KEY}",
        _ when workflow.Parameter(e.Root) is { Kind: ParameterKind.Interval } => $"an interval has {IntervalMembers.Known}, as in ${{{e.Root}.start}} or ${{{e.Root}.prev.end}}",
        _ when workflow.Parameter(e.Root) is not null => $"parameter '{e.Root}' is not an interval, so it has no {e.Path[1]}",
        _ => (workflow.Parameters.Count == 0 ? $"workflow '{workflow.Name}' has no parameters" : $"parameters of '{workflow.Name}' are {string.Join(", ", workflow.Parameters.Select(p => p.Name))}")
            + "; also date, today, config.KEY, tasks.TASK.outputs.NAME, outputs.NAME",
    };

    /// <summary>
    /// Outputs that two tasks, or every day of one per-day task, would write alike, each replacing the other's. Paths
    /// written the same way compare equal, any day in them standing for every day (so <c>day/${date}.csv</c> of a
    /// per-day task meets <c>day/${backfill_day}.csv</c>); paths that differ only once rendered are refused when bound.
    /// </summary>
    private void CheckSharedOutputs()
    {
        var writers = new Dictionary<string, (TaskDefinition Task, OutputDefinition Output)>(StringComparer.Ordinal);
        foreach (var workflow in workflows)
        {
            foreach (var task in workflow.Tasks)
            {
                CheckSharedOutputs(workflow, task, writers);
            }
        }
    }

    private void CheckSharedOutputs(WorkflowDefinition workflow, TaskDefinition task, Dictionary<string, (TaskDefinition Task, OutputDefinition Output)> writers)
    {
        foreach (var output in task.Outputs)
        {
            var written = output.Path.Normalized(e => IsDay(workflow, e) ? $"${{day:{e.Format ?? "yyyy-MM-dd"}}}"
                : IsHour(workflow, task, e) ? $"${{hour:{e.Format ?? Hour.Form}}}"
                : e.ToString());
            // ${task.key} and its kin differ from task to task; a table's marker rows are told apart by the task's key.
            if (output.Path.Expressions.Any(e => e.Root == "task") || Target.PlaceOf(output.Kind, written) is not { Length: > 0 } place)
            {
                continue;
            }
            if (task.PerDay is not null && !output.Path.Expressions.Any(e => e.Root == "date"))
            {
                Problem(output.Span, $"task '{task.Family}' runs per day, but its output '{output.Name}' ({output.Path.Text}) does not depend on the day: "
                    + "every day would write the same place, replacing the day before; put ${date} in it");
            }
            if (task.PerHour is not null && !output.Path.Expressions.Any(e => e.Root == "hour" && e.Path.Count == 1))
            {
                Problem(output.Span, $"task '{task.Family}' runs per hour, but its output '{output.Name}' ({output.Path.Text}) does not depend on the hour: "
                    + "every hour would write the same place, replacing the hour before; put ${hour} in it (${hour:yyyy/MM/dd/HH} for a folder per day)");
            }
            if (!writers.TryAdd(place, (task, output)))
            {
                var first = writers[place];
                Problem(output.Span, first.Task == task
                    ? Tasks.SharedOutputs.BothOutputs(task.Family, output.Path.Text, first.Output, output)
                    : Tasks.SharedOutputs.BothTasks(first.Task.Family, first.Output, task.Family, output.Path.Text));
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> renders a day: <c>${date}</c>, <c>${today}</c>, a date parameter, an interval's start or end, an hour's day.</summary>
    private static bool IsDay(WorkflowDefinition workflow, Expression e) => e.Root switch
    {
        "date" or "today" => e.Path.Count == 1,
        _ => workflow.Parameter(e.Root) is { } p
            && ((p.Kind == ParameterKind.Date && e.Path.Count == 1) || (p.Kind == ParameterKind.Interval && IntervalMembers.NameDay(e.Path.Skip(1))))
            || (e.Path is [_, "date"] && (e.Root == "hour" || workflow.Parameter(e.Root)?.Kind == ParameterKind.Hour)),
    };

    private void CheckCycles()
    {
        var edges = new Dictionary<string, List<(string Node, SourceSpan Span)>>();
        foreach (var workflow in workflows)
        {
            var workflowNode = "workflow " + workflow.Name;
            edges[workflowNode] = workflow.Goals().Select(g => (g.Family, g.Span)).ToList();
            foreach (var task in workflow.Tasks)
            {
                edges[task.Family] = task.Requires.Select(r => r switch
                {
                    TaskRequirement t => (t.Family, t.Span),
                    WorkflowRequirement w => ("workflow " + w.Workflow, w.Span),
                    _ => ("", r.Span),
                }).ToList();
            }
        }
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var node in edges.Keys)
        {
            Visit(node);
        }

        void Visit(string node)
        {
            if (done.Contains(node) || !edges.ContainsKey(node))
            {
                return;
            }
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                var cycle = path.Skip(at).Append(node).ToList();
                var span = workflows.SelectMany(w => w.Tasks).FirstOrDefault(t => cycle.Contains(t.Family))?.Span ?? SourceSpan.None;
                Problem(span, $"cyclic requirements: {string.Join(" -> ", cycle)}");
                foreach (var member in cycle)
                {
                    done.Add(member);
                }
                return;
            }
            path.Add(node);
            foreach (var (next, _) in edges[node])
            {
                Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(node);
        }
    }

    private static IEnumerable<Template> TemplatesOf(TaskDefinition task)
    {
        foreach (var template in task.With.Templates())
        {
            yield return template;
        }
        foreach (var output in task.Outputs)
        {
            yield return output.Path;
        }
        if (task.OverwriteNDays is { } overwrite)
        {
            yield return overwrite;
        }
        if (task.OverwriteNHours is { } overwriteHours)
        {
            yield return overwriteHours;
        }
        if (task.Timeout is { } timeout)
        {
            yield return timeout;
        }
    }

    private static string Names(StepDescriptor step) =>
        step.Inputs.Count == 0 ? "none" : string.Join(", ", step.Inputs.Select(i => i.Name));

    private void Problem(SourceSpan span, string message) => _problems.Add(new Diagnostic(span, message));
}
