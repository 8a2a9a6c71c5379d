using System.Globalization;
using Loader.Expressions;
using Loader.Parameters;
using Loader.Targets;
using System.Text.RegularExpressions;
using Loader.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Loader.Workflows;

/// <summary>Reads one workflow file into a <see cref="WorkflowDefinition"/>, reporting every problem with its line and column.</summary>
public sealed class WorkflowFileReader
{
    private static readonly string[] WorkflowKeys = ["workflow", "description", "runs_on", "parameters", "tasks"];
    private static readonly string[] TaskKeys =
        ["description", "uses", "with", "requires", "outputs", "per_day", "per_hour", "overwrite_n_days", "overwrite_n_hours", "retry", "timeout", "runs_on"];
    private static readonly string[] ParameterKeys = ["type", "description", "default", "significant", "secret", "choices", "min", "max", "pattern"];

    private readonly string _file;
    private readonly List<Diagnostic> _problems = [];

    private WorkflowFileReader(string file) => _file = file;

    /// <summary>Reads and checks the structure of <paramref name="path"/>; throws <see cref="WorkflowException"/> listing every problem.</summary>
    public static WorkflowDefinition Read(string path) => ReadFile(path, path);

    /// <summary>
    /// Reads and checks the structure of the file at <paramref name="path"/>, naming it <paramref name="file"/> in
    /// messages; throws <see cref="WorkflowException"/> listing every problem, including a file over <see cref="YamlLimits.MaxFileBytes"/>.
    /// </summary>
    public static WorkflowDefinition ReadFile(string path, string file)
    {
        string text;
        try
        {
            text = YamlLimits.ReadText(path);
        }
        catch (YamlLimitException e)
        {
            throw new WorkflowException(new SourceSpan(file, 1, 1), e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowException(new SourceSpan(file, 1, 1), $"cannot be read: {e.Message}");
        }
        return Read(file, text);
    }

    /// <summary>Reads workflow <paramref name="text"/> as if from <paramref name="file"/>.</summary>
    public static WorkflowDefinition Read(string file, string text)
    {
        var reader = new WorkflowFileReader(file);
        var workflow = reader.ReadText(text);
        if (reader._problems.Count > 0 || workflow is null)
        {
            throw new WorkflowException(reader._problems);
        }
        return workflow;
    }

    private WorkflowDefinition? ReadText(string text)
    {
        var stream = new YamlStream();
        try
        {
            YamlLimits.Check(text);
            stream.Load(new Parser(new StringReader(text)));
        }
        catch (YamlLimitException e)
        {
            Problem(At(e.Start), e.Message);
            return null;
        }
        catch (YamlException e)
        {
            Problem(At(YamlLimits.Where(e, text)), $"malformed YAML: {YamlLimits.Reason(e)}");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            Problem(At(stream.Documents[1].RootNode.Start), "a workflow file holds one YAML document: move this one to a file of its own");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Problem(new SourceSpan(_file, 1, 1), "a workflow file must be a mapping with 'workflow', 'parameters' and 'tasks'");
            return null;
        }
        CheckKeys(root, WorkflowKeys, "workflow");
        var name = RequiredScalar(root, "workflow", "the workflow's name, such as DailyPipeline");
        if (name is not null && NameRules.Problem("workflow", name) is { } badName)
        {
            Problem(At(Child(root, "workflow")!.Start), badName);
            name = null;
        }
        var description = OptionalScalar(root, "description");
        var runsOn = OptionalScalar(root, "runs_on") ?? "local";
        if (runsOn is not ("local" or "ssh"))
        {
            Problem(At(Child(root, "runs_on")!.Start), $"a workflow's runs_on is local (this machine, the default) or ssh (the host in the remote: config section), not '{runsOn}'");
        }
        var parameters = Mapping(root, "parameters").Select(e => ReadParameter(e.Key, e.Value)).OfType<ParameterSpec>().ToList();
        var tasks = Mapping(root, "tasks").Select(e => ReadTask(name ?? "", e.Key, e.Value)).OfType<TaskDefinition>().ToList();
        if (Child(root, "tasks") is null)
        {
            Problem(At(root.Start), "a workflow needs 'tasks'");
        }
        return name is null ? null : new WorkflowDefinition(name, description, parameters, tasks, At(root.Start), runsOn);
    }

    private ParameterSpec? ReadParameter(YamlScalarNode key, YamlNode node)
    {
        var span = At(key.Start);
        if (NameRules.Problem("parameter", key.Value ?? "") is { } badName)
        {
            Problem(span, badName);
            return null;
        }
        string? typeText;
        YamlMappingNode? map = null;
        if (node is YamlScalarNode shorthand)
        {
            typeText = shorthand.Value;
        }
        else if (node is YamlMappingNode m)
        {
            map = m;
            CheckKeys(m, ParameterKeys, $"parameter '{key.Value}'");
            typeText = OptionalScalar(m, "type") ?? "string";
        }
        else
        {
            Problem(span, $"parameter '{key.Value}' must be a type name or a mapping with 'type'");
            return null;
        }
        if (!Enum.TryParse<ParameterKind>(typeText, ignoreCase: true, out var kind) || !Enum.GetNames<ParameterKind>().Contains(typeText, StringComparer.OrdinalIgnoreCase))
        {
            var names = string.Join(", ", Enum.GetNames<ParameterKind>().Select(n => n.ToLowerInvariant()));
            Problem(map is null ? span : At(Child(map, "type")!.Start), $"unknown parameter type '{typeText}': use one of {names}");
            return null;
        }
        var choices = map is null ? [] : ScalarList(map, "choices");
        if (kind == ParameterKind.Enum && choices.Count == 0)
        {
            Problem(span, $"enum parameter '{key.Value}' needs 'choices'");
        }
        return new ParameterSpec(
            key.Value!,
            kind,
            map is null ? null : OptionalScalar(map, "description"),
            map is null ? null : DefaultText(map),
            map is null || Bool(map, "significant", true),
            map is not null && Bool(map, "secret", false),
            choices,
            span)
        {
            Min = map is null ? null : Bound(map, "min", kind),
            Max = map is null ? null : Bound(map, "max", kind),
            Pattern = map is null ? null : Pattern(map, kind),
        };
    }

    private double? Bound(YamlMappingNode map, string key, ParameterKind kind)
    {
        if (OptionalScalar(map, key) is not { } text)
        {
            return null;
        }
        if (kind is not (ParameterKind.Int or ParameterKind.Float))
        {
            Problem(At(Child(map, key)!.Start), $"'{key}' applies only to int and float parameters");
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
        {
            return bound;
        }
        Problem(At(Child(map, key)!.Start), $"'{key}' must be a number, not '{text}'");
        return null;
    }

    private string? Pattern(YamlMappingNode map, ParameterKind kind)
    {
        if (OptionalScalar(map, "pattern") is not { } pattern)
        {
            return null;
        }
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            Problem(At(Child(map, "pattern")!.Start), $"'pattern' is not a regular expression: {e.Message}");
            return null;
        }
        if (kind != ParameterKind.String)
        {
            Problem(At(Child(map, "pattern")!.Start), "'pattern' applies only to string parameters");
            return null;
        }
        return pattern;
    }

    private string? DefaultText(YamlMappingNode map) => Child(map, "default") switch
    {
        null => null,
        YamlScalarNode { Value: null or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => ListText.Format(seq.Children.OfType<YamlScalarNode>().Select(c => c.Value ?? "")),
        var other => ProblemNull(other, "a parameter default must be a value or a list"),
    };

    private TaskDefinition? ReadTask(string workflow, YamlScalarNode key, YamlNode node)
    {
        var span = At(key.Start);
        if (NameRules.Problem("task", key.Value ?? "") is { } badName)
        {
            Problem(span, badName);
            return null;
        }
        if (node is not YamlMappingNode map)
        {
            Problem(span, $"task '{key.Value}' must be a mapping with 'uses'");
            return null;
        }
        CheckKeys(map, TaskKeys, $"task '{key.Value}'");
        var uses = RequiredScalar(map, "uses", "the step type, such as shell (see 'loader steps')");
        var with = Child(map, "with") is { } withNode ? ReadValue(withNode) : TemplateMap.Empty;
        if (with is not TemplateMap)
        {
            Problem(At(Child(map, "with")!.Start), $"'with' of task '{key.Value}' must be a mapping of input names to values");
        }
        var timeout = OptionalTemplate(map, "timeout");
        return uses is null
            ? null
            : new TaskDefinition(
                key.Value!,
                workflow,
                OptionalScalar(map, "description"),
                uses,
                with,
                ReadRequires(map),
                ReadOutputs(map),
                OptionalScalar(map, "per_day"),
                OptionalTemplate(map, "overwrite_n_days"),
                ReadRetry(map),
                timeout,
                OptionalScalar(map, "runs_on") ?? "local",
                span)
            {
                PerHour = OptionalScalar(map, "per_hour"),
                OverwriteNHours = OptionalTemplate(map, "overwrite_n_hours"),
            };
    }

    private List<Requirement> ReadRequires(YamlMappingNode map)
    {
        var node = Child(map, "requires");
        var items = node switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children.ToList(),
            _ => [node],
        };
        var requires = new List<Requirement>();
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } family })
            {
                requires.Add(new TaskRequirement(family, At(item.Start)));
            }
            else if (item is YamlMappingNode req && OptionalScalar(req, "task") is { } task)
            {
                CheckKeys(req, ["task"], "a task requirement");
                requires.Add(new TaskRequirement(task, At(item.Start)));
            }
            else if (item is YamlMappingNode wreq && OptionalScalar(wreq, "workflow") is { } other)
            {
                CheckKeys(wreq, ["workflow", "with"], "a workflow requirement");
                var with = Mapping(wreq, "with").ToDictionary(e => e.Key.Value!, e => TemplateOf(e.Value));
                requires.Add(new WorkflowRequirement(other, with, At(item.Start)));
            }
            else
            {
                Problem(At(item.Start), "a requirement is a task name, {task: NAME} or {workflow: NAME, with: {param: value}}");
            }
        }
        return requires;
    }

    private List<OutputDefinition> ReadOutputs(YamlMappingNode map)
    {
        var outputs = new List<OutputDefinition>();
        foreach (var (key, node) in Mapping(map, "outputs"))
        {
            var span = At(node.Start);
            if (NameRules.Problem("output", key.Value ?? "") is { } badName)
            {
                Problem(At(key.Start), badName);
                continue;
            }
            if (node is YamlScalarNode scalar)
            {
                var kind = scalar.Value!.EndsWith('/') ? TargetKind.Flag : TargetKind.File;
                outputs.Add(new OutputDefinition(key.Value!, kind, TemplateOf(scalar), span));
                continue;
            }
            if (node is YamlMappingNode form && form.Children.Count == 1
                && form.Children.First() is { Key: YamlScalarNode { Value: { } kindName }, Value: YamlScalarNode path }
                && Enum.TryParse<TargetKind>(kindName, ignoreCase: true, out var declared) && Enum.GetNames<TargetKind>().Contains(kindName, StringComparer.OrdinalIgnoreCase))
            {
                outputs.Add(new OutputDefinition(key.Value!, declared, TemplateOf(path), span));
                continue;
            }
            Problem(span, $"output '{key.Value}' must be a path (a folder path ends with '/' and counts when its _SUCCESS flag exists) or one of {{file: PATH}}, {{folder: PATH}}, {{flag: PATH}}, {{marker: PATH}}");
        }
        return outputs;
    }

    private RetrySettings ReadRetry(YamlMappingNode map)
    {
        switch (Child(map, "retry"))
        {
            case null:
                return RetrySettings.None;
            case YamlScalarNode attempts when int.TryParse(attempts.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                return RetrySettings.None with { Attempts = AttemptsOf(map, "retry", attempts.Value!, RetrySettings.None.Attempts) };
            case YamlMappingNode retry:
                CheckKeys(retry, ["attempts", "delay", "max_delay"], "retry");
                var settings = RetrySettings.None;
                if (OptionalScalar(retry, "attempts") is { } a)
                {
                    settings = settings with { Attempts = AttemptsOf(retry, "attempts", a, settings.Attempts) };
                }
                var delay = RetryDelayOf(retry, "delay");
                var maxDelay = RetryDelayOf(retry, "max_delay");
                // A delay past the default max_delay raises it; only a max_delay given below the delay is a mistake.
                settings = settings with { Delay = delay ?? settings.Delay, MaxDelay = maxDelay ?? TimeSpan.FromTicks(Math.Max(settings.MaxDelay.Ticks, (delay ?? settings.Delay).Ticks)) };
                if (settings.MaxDelay < settings.Delay)
                {
                    return ProblemValue(retry, "max_delay",
                        $"retry max_delay ({Durations.Format(settings.MaxDelay)}) is shorter than delay ({Durations.Format(settings.Delay)}): make max_delay at least delay",
                        settings);
                }
                return settings;
            case var other:
                Problem(At(other.Start), "retry is a number of attempts or {attempts: N, delay: 1s, max_delay: 1m}");
                return RetrySettings.None;
        }
    }

    private int AttemptsOf(YamlMappingNode map, string key, string text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= RetrySettings.MostAttempts
            ? count
            : ProblemValue(map, key, $"retry attempts must be a whole number from 1 to {RetrySettings.MostAttempts}, not '{text}'", fallback);

    private TimeSpan? RetryDelayOf(YamlMappingNode map, string key) => DurationOf(map, key) switch
    {
        { } d when d < RetrySettings.ShortestDelay || d > RetrySettings.LongestDelay => ProblemValue<TimeSpan?>(map, key,
            $"retry {key} must be from {Durations.Format(RetrySettings.ShortestDelay)} to {Durations.Format(RetrySettings.LongestDelay)}, not '{OptionalScalar(map, key)}'", null),
        var d => d,
    };

    private TimeSpan? DurationOf(YamlMappingNode map, string key)
    {
        if (OptionalScalar(map, key) is not { } text)
        {
            return null;
        }
        try
        {
            return Durations.Parse(text);
        }
        catch (FormatException e)
        {
            return ProblemValue<TimeSpan?>(map, key, e.Message, null);
        }
    }

    private TemplateValue ReadValue(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new TemplateScalar(TemplateOf(scalar)),
        YamlSequenceNode seq => new TemplateList(seq.Children.Select(ReadValue).ToList()),
        YamlMappingNode map => new TemplateMap(map.Children
            .Where(e => e.Key is YamlScalarNode || ProblemNull(e.Key, "a key must be a plain name") is not null)
            .Select(e => new KeyValuePair<string, TemplateValue>(((YamlScalarNode)e.Key).Value!, ReadValue(e.Value)))
            .ToList()),
        _ => new TemplateScalar(Template.Literal("")),
    };

    private Template TemplateOf(YamlNode node)
    {
        var span = At(node.Start);
        if (node is not YamlScalarNode scalar)
        {
            Problem(span, "expected a single value here");
            return Template.Literal("");
        }
        try
        {
            return Template.Parse(scalar.Value ?? "", span);
        }
        catch (WorkflowException e)
        {
            _problems.AddRange(e.Diagnostics);
            return Template.Literal(scalar.Value ?? "");
        }
    }

    private Template? OptionalTemplate(YamlMappingNode map, string key) =>
        Child(map, key) is { } node ? TemplateOf(node) : null;

    private IEnumerable<(YamlScalarNode Key, YamlNode Value)> Mapping(YamlMappingNode map, string key)
    {
        switch (Child(map, key))
        {
            case null:
                yield break;
            case YamlMappingNode m:
                foreach (var entry in m.Children)
                {
                    if (entry.Key is YamlScalarNode k)
                    {
                        yield return (k, entry.Value);
                    }
                    else
                    {
                        Problem(At(entry.Key.Start), $"a name under '{key}' must be plain text, not a list or mapping");
                    }
                }
                break;
            case var other:
                Problem(At(other.Start), $"'{key}' must be a mapping of names to definitions");
                break;
        }
    }

    private List<string> ScalarList(YamlMappingNode map, string key) => Child(map, key) switch
    {
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(c => c.Value ?? "").ToList(),
        null => [],
        var other => ProblemValue<List<string>>(map, key, $"'{key}' must be a list", []),
    };

    private bool Bool(YamlMappingNode map, string key, bool fallback) => OptionalScalar(map, key) switch
    {
        null => fallback,
        "true" or "yes" => true,
        "false" or "no" => false,
        var text => ProblemValue(map, key, $"'{key}' must be true or false, not '{text}'", fallback),
    };

    private string? RequiredScalar(YamlMappingNode map, string key, string what)
    {
        var value = OptionalScalar(map, key);
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(At(map.Start), $"missing '{key}': {what}");
            return null;
        }
        return value;
    }

    private string? OptionalScalar(YamlMappingNode map, string key) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => ProblemNull(other, $"'{key}' must be a single value"),
    };

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!allowed.Contains(key.Value))
            {
                Problem(At(key.Start), $"unknown key '{key.Value}' in {what}: expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    private T ProblemValue<T>(YamlMappingNode map, string key, string message, T fallback)
    {
        Problem(At(Child(map, key)!.Start), message);
        return fallback;
    }

    private string? ProblemNull(YamlNode node, string message)
    {
        Problem(At(node.Start), message);
        return null;
    }

    private void Problem(SourceSpan span, string message) => _problems.Add(new Diagnostic(span, message));

    private SourceSpan At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);
}
