using System.Globalization;
using Loader.Configuration;
using Loader.Expressions;
using Loader.Parameters;
using Loader.Targets;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// Binds a request (a workflow and its arguments) into the graph of task instances it needs:
/// parameters resolved, per-day and per-hour tasks fanned out, identities computed and shared, requirements wired.
/// </summary>
public sealed class GraphBinder
{
    private readonly WorkflowCatalog _catalog;
    private readonly LoaderConfiguration _configuration;
    private readonly ParameterParser _parser;
    private readonly ParameterResolver _resolver;
    private readonly SecretSources _secrets;
    private readonly IReadOnlySet<string> _stepSections;
    private readonly Dictionary<TaskId, TaskInstance> _instances = [];
    private readonly List<TaskInstance> _ordered = [];
    private readonly Dictionary<string, IReadOnlyList<TaskInstance>> _boundWorkflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _familyArguments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskShape> _shapes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _emptyIntervals = new(StringComparer.Ordinal);

    /// <summary>A binder over <paramref name="catalog"/> with the given configuration and clock.</summary>
    /// <param name="catalog">The workflows.</param>
    /// <param name="configuration">The layered configuration.</param>
    /// <param name="parser">Reads parameter text, with "today" from the clock.</param>
    /// <param name="stepSections">Configuration sections that step types read, so they draw no "unused" warning.</param>
    public GraphBinder(WorkflowCatalog catalog, LoaderConfiguration configuration, ParameterParser parser, IReadOnlySet<string>? stepSections = null)
    {
        _stepSections = stepSections ?? new HashSet<string>();
        _catalog = catalog;
        _configuration = configuration;
        _parser = parser;
        _secrets = new SecretSources(configuration, catalog.SecretParameterKeys());
        _resolver = new ParameterResolver(configuration, parser, _secrets);
    }

    /// <summary>
    /// Binds <paramref name="workflowName"/> with command-line <paramref name="arguments"/>: <c>name</c> (or <c>name-with-dashes</c>)
    /// for the workflow's parameters, <c>Family-name</c> for one task's. Throws <see cref="WorkflowException"/> on bad arguments.
    /// </summary>
    /// <param name="workflowName">The requested workflow.</param>
    /// <param name="arguments">Parameter values from the command line, by name.</param>
    /// <param name="until">Families of the workflow to stop at (they become the goals); empty for the whole workflow.</param>
    public TaskGraph Bind(string workflowName, IReadOnlyDictionary<string, string> arguments, IReadOnlyCollection<string>? until = null)
    {
        var workflow = _catalog.Get(workflowName);
        foreach (var family in until ?? [])
        {
            if (workflow.Task(family) is null)
            {
                throw new WorkflowException(SourceSpan.None,
                    $"workflow '{workflow.Name}' has no task '{family}': its tasks are {string.Join(", ", workflow.Tasks.Select(t => t.Family))}");
            }
        }
        var workflowArguments = SplitArguments(workflow, arguments);
        var binding = _resolver.Resolve(workflow, workflowArguments, "command line");
        var goalFamilies = until is { Count: > 0 } ? until.ToHashSet(StringComparer.Ordinal) : null;
        var goals = BindWorkflow(binding, goalFamilies);
        // With --until, tasks past the goals were bound too: keep only what the goals need.
        var instances = goalFamilies is null ? _ordered : Needed(goals);
        SharedOutputs.ThrowIfAny(instances);
        for (var i = 0; i < instances.Count; i++)
        {
            instances[i].Order = i;
        }
        var warnings = new UnusedConfiguration(_catalog, _configuration, _stepSections).Find(binding.Workflow, instances).ToList();
        return new TaskGraph(instances, goals, binding, warnings, _parser.Today) { Notes = _emptyIntervals.ToList() };
    }

    /// <summary>The goals and everything they require, in dependency order.</summary>
    private List<TaskInstance> Needed(IReadOnlyList<TaskInstance> goals)
    {
        var needed = new HashSet<TaskInstance>();
        var pending = new Stack<TaskInstance>(goals);
        while (pending.TryPop(out var task))
        {
            if (needed.Add(task))
            {
                foreach (var requirement in task.Requires)
                {
                    pending.Push(requirement);
                }
            }
        }
        return _ordered.Where(needed.Contains).ToList();
    }

    private Dictionary<string, string> SplitArguments(WorkflowDefinition workflow, IReadOnlyDictionary<string, string> arguments)
    {
        var mine = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        foreach (var (name, given) in arguments)
        {
            var argument = _catalog.Resolve(workflow, name);
            var value = given;
            if (given == ParameterArgument.NoValue && argument.Spec is { } spec)
            {
                // A bare flag is a boolean parameter set to true, as in Luigi; any other parameter needs its value.
                if (spec.Kind != ParameterKind.Bool)
                {
                    problems.Add(new Diagnostic(SourceSpan.None, $"--{name} is given without a value: give its {spec.Kind.ToString().ToLowerInvariant()} value, as in --{name} VALUE"));
                    continue;
                }
                value = "true";
            }
            if (argument.Family is { } family)
            {
                if (argument.Spec is null)
                {
                    problems.Add(new Diagnostic(SourceSpan.None, $"unknown parameter --{name}: task '{family}' has no parameter '{argument.Parameter}'"));
                    continue;
                }
                var forFamily = _familyArguments.TryGetValue(family, out var existing)
                    ? new Dictionary<string, string>(existing) : [];
                forFamily[argument.Parameter] = value;
                _familyArguments[family] = forFamily;
                continue;
            }
            if (argument.Spec is null)
            {
                var known = workflow.Parameters.Count == 0 ? "it has none" : "its parameters are " + string.Join(", ", workflow.Parameters.Select(p => "--" + p.Name));
                problems.Add(new Diagnostic(SourceSpan.None, $"unknown parameter --{name} for workflow '{workflow.Name}': {known}"));
                continue;
            }
            mine[argument.Parameter] = value;
        }
        if (problems.Count > 0)
        {
            throw new WorkflowException(problems);
        }
        return mine;
    }

    private IReadOnlyList<TaskInstance> BindWorkflow(WorkflowBinding binding, HashSet<string>? goalFamilies = null)
    {
        var byFamily = new Dictionary<string, List<TaskInstance>>(StringComparer.Ordinal);
        foreach (var task in DependencyOrder(binding.Workflow))
        {
            byFamily[task.Family] = BindTask(binding, task, byFamily);
        }
        var goals = goalFamilies is null ? binding.Workflow.Goals() : binding.Workflow.Tasks.Where(t => goalFamilies.Contains(t.Family));
        return goals.SelectMany(g => byFamily[g.Family]).ToList();
    }

    private List<TaskInstance> BindTask(WorkflowBinding binding, TaskDefinition task, Dictionary<string, List<TaskInstance>> byFamily)
    {
        var shape = Shape(task, binding.Workflow);
        var parameters = TaskParameters(binding, task);
        var instances = new List<TaskInstance>();
        // As Luigi's empty interval has no dates, a task over one (per day or hour, or as part of its identity) has no
        // instance; nor has what requires it, as that carries the interval too.
        var empty = new[] { task.FansOutOver }.Concat(shape.SignificantParameters)
            .FirstOrDefault(name => name is not null && parameters.Values[name] is DateInterval { IsEmpty: true });
        if (empty is not null)
        {
            var held = parameters.Values[empty] is DateInterval { Hours: not null } ? "hours" : "days";
            _emptyIntervals.Add($"{empty} {parameters.Values[empty]} holds no {held} (its end is excluded), so nothing over it is planned");
            return instances;
        }
        if (task.FansOutOver is not { } over)
        {
            instances.Add(BindInstance(binding, task, shape, parameters, TimeSlot.Whole, null, byFamily));
            return instances;
        }
        var unit = task.PerDay is null ? "hour" : "day";
        var interval = parameters.Values[over] as DateInterval
            ?? throw new WorkflowException(task.Span, $"task '{task.Family}' runs per {unit} over '{over}', which has no value: give --{over}");
        var slots = task.PerDay is null
            ? interval.EachHour().Select((hour, i) => new TimeSlot(null, hour, i))
            : interval.EachDay().Select((day, i) => new TimeSlot(day, null, i));
        foreach (var slot in slots)
        {
            instances.Add(BindInstance(binding, task, shape, parameters, slot, interval, byFamily));
        }
        return instances;
    }

    private TaskInstance BindInstance(
        WorkflowBinding binding,
        TaskDefinition task,
        TaskShape shape,
        (IReadOnlyDictionary<string, object> Values, IReadOnlySet<string> Secret) parameters,
        TimeSlot slot,
        DateInterval? interval,
        Dictionary<string, List<TaskInstance>> byFamily)
    {
        // A secret value is never part of an identity: identities are shown, stored and hashed into file names.
        var identity = shape.SignificantParameters
            .Where(name => !parameters.Secret.Contains(name))
            .Select(name => new KeyValuePair<string, string>(name, ParameterParser.Format(parameters.Values[name])));
        if (slot.Date is { } day)
        {
            identity = identity.Append(new KeyValuePair<string, string>("date", ParameterParser.Format(day)));
        }
        if (slot.Hour is { } hour)
        {
            identity = identity.Append(new KeyValuePair<string, string>("hour", ParameterParser.Format(hour)));
        }
        var id = TaskId.Create(task.Family, identity);
        if (_instances.TryGetValue(id, out var existing))
        {
            return existing;
        }
        var scope = new InstanceScope(parameters.Values, slot.Date, _parser.Today, _configuration) { Hour = slot.Hour };
        var instance = new TaskInstance(id, task, binding, slot.Date, parameters.Values, parameters.Secret) { Interval = interval, Hour = slot.Hour };
        scope.Instance = instance;
        instance.Requires = task.Requires.Count switch
        {
            0 => [],
            1 => Required(binding, task, task.Requires[0], byFamily, slot, scope).ToArray(),
            _ => task.Requires.SelectMany(r => Required(binding, task, r, byFamily, slot, scope)).Distinct().ToArray(),
        };
        instance.Outputs = task.Outputs.Select(o => new Target(o.Kind, Render(o.Path, scope), id.Key)).ToArray();
        instance.OverwriteNDays = task.OverwriteNDays is { } overwrite ? ParseCount(Render(overwrite, scope), overwrite, "overwrite_n_days") : 0;
        instance.OverwriteNHours = task.OverwriteNHours is { } hours ? ParseCount(Render(hours, scope), hours, "overwrite_n_hours") : 0;
        _instances[id] = instance;
        _ordered.Add(instance);
        return instance;
    }

    private IEnumerable<TaskInstance> Required(
        WorkflowBinding binding, TaskDefinition task, Requirement requirement,
        Dictionary<string, List<TaskInstance>> byFamily, TimeSlot slot, InstanceScope scope)
    {
        switch (requirement)
        {
            case TaskRequirement r:
                return SameTime.Required(task, r, binding.Workflow.Task(r.Family)!, byFamily[r.Family], slot);
            case WorkflowRequirement r:
                var arguments = r.With.ToDictionary(e => e.Key, e => Render(e.Value, scope));
                // A value made from a secret stays secret in the other workflow, whatever its parameter says there.
                var secretArguments = r.With.Where(e => _secrets.Reads(e.Value, scope.Instance!.SecretParameters)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
                var cacheKey = r.Workflow + "\n" + string.Join("\n", arguments.OrderBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => a.Key + (secretArguments.Contains(a.Key) ? "*=" : "=") + a.Value));
                if (!_boundWorkflows.TryGetValue(cacheKey, out var goals))
                {
                    var workflow = _catalog.Get(r.Workflow);
                    goals = BindWorkflow(_resolver.Resolve(workflow, arguments, $"required by {task.Family}", secretArguments));
                    _boundWorkflows[cacheKey] = goals;
                }
                return goals;
            default:
                return [];
        }
    }

    /// <summary>
    /// The parameter values one task sees: the workflow's, with <c>--Family-param</c> and <c>Family: {param}</c> config
    /// on top; and which of them are secret.
    /// </summary>
    private (IReadOnlyDictionary<string, object> Values, IReadOnlySet<string> Secret) TaskParameters(WorkflowBinding binding, TaskDefinition task)
    {
        Dictionary<string, object>? own = null;
        HashSet<string>? secret = null;
        foreach (var parameter in binding.Workflow.Parameters)
        {
            string? text = null;
            var fromSecret = false;
            if (_familyArguments.TryGetValue(task.Family, out var given) && given.TryGetValue(parameter.Name, out var argument))
            {
                text = argument;
            }
            else if (!binding.Sources.TryGetValue(parameter.Name, out var source) || source != "command line")
            {
                var key = $"{task.Family}:{parameter.Name}";
                text = _configuration[key];
                fromSecret = _secrets.IsSecretKey(key);
            }
            if (text is null)
            {
                continue;
            }
            own ??= new Dictionary<string, object>(binding.Values, StringComparer.Ordinal);
            secret ??= new HashSet<string>(binding.SecretParameters, StringComparer.Ordinal);
            try
            {
                own[parameter.Name] = _parser.Parse(parameter, text, fromSecret);
            }
            catch (FormatException e)
            {
                throw new WorkflowException(SourceSpan.None, $"task '{task.Family}', {e.Message}");
            }
            if (parameter.Secret || fromSecret)
            {
                secret.Add(parameter.Name);
            }
            else
            {
                secret.Remove(parameter.Name);
            }
        }
        return (own ?? binding.Values, secret ?? binding.SecretParameters);
    }

    private string Render(Template template, InstanceScope scope)
    {
        try
        {
            return template.Render(scope);
        }
        catch (ExpressionException e)
        {
            throw new WorkflowException(template.Span, e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        }
    }

    private static int ParseCount(string text, Template source, string key) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new WorkflowException(source.Span, $"{key} must be a whole number of 0 or more, not '{text}'");

    private TaskShape Shape(TaskDefinition task, WorkflowDefinition workflow)
    {
        if (!_shapes.TryGetValue(task.Family, out var shape))
        {
            shape = TaskShape.Of(task, workflow, required => Shape(required, workflow));
            _shapes[task.Family] = shape;
        }
        return shape;
    }

    private static IEnumerable<TaskDefinition> DependencyOrder(WorkflowDefinition workflow)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<TaskDefinition>();
        foreach (var task in workflow.Tasks)
        {
            Visit(task);
        }
        return order;

        void Visit(TaskDefinition task)
        {
            if (!done.Add(task.Family))
            {
                return;
            }
            foreach (var requirement in task.Requires.OfType<TaskRequirement>())
            {
                Visit(workflow.Task(requirement.Family)!);
            }
            order.Add(task);
        }
    }
}
