using Loader.Configuration;
using Loader.Expressions;
using Loader.Parameters;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// Gives every parameter of a workflow its value: an explicit value (command line, or a requiring task's <c>with</c>),
/// else the workflow's config section (<c>Workflow: {param: value}</c>), else the default.
/// </summary>
internal sealed class ParameterResolver(LoaderConfiguration configuration, ParameterParser parser)
{
    /// <summary>Resolves the parameters of <paramref name="workflow"/>; <paramref name="explicitSource"/> names where the explicit values come from.</summary>
    public WorkflowBinding Resolve(WorkflowDefinition workflow, IReadOnlyDictionary<string, string> explicitValues, string explicitSource)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        var resolving = new HashSet<string>();

        foreach (var parameter in workflow.Parameters)
        {
            Resolve(parameter);
        }
        if (problems.Count > 0)
        {
            throw new WorkflowException(problems);
        }
        return new WorkflowBinding(workflow, values, sources);

        void Resolve(ParameterSpec parameter)
        {
            if (values.ContainsKey(parameter.Name) || !resolving.Add(parameter.Name))
            {
                return;
            }
            var (text, source) = TextOf(workflow, parameter, explicitValues, explicitSource);
            if (text is null && parameter.Default is { } fallback)
            {
                try
                {
                    var template = Template.Parse(fallback, parameter.Span);
                    foreach (var expression in template.Expressions.Where(e => workflow.Parameter(e.Root) is not null))
                    {
                        Resolve(workflow.Parameter(expression.Root)!);
                    }
                    text = template.Render(new InstanceScope(values, null, parser.Today, configuration));
                    source = "default";
                }
                catch (Exception e) when (e is ExpressionException or KeyNotFoundException)
                {
                    problems.Add(new Diagnostic(parameter.Span, $"default of parameter '{parameter.Name}' of '{workflow.Name}': {e.Message}"));
                    return;
                }
            }
            if (text is null)
            {
                problems.Add(new Diagnostic(SourceSpan.None,
                    $"missing parameter --{parameter.Name} for workflow '{workflow.Name}' ({Describe(parameter)}); give it on the command line or under '{workflow.Name}:' in config"));
                return;
            }
            try
            {
                values[parameter.Name] = parser.Parse(parameter, text);
                sources[parameter.Name] = source!;
            }
            catch (FormatException e)
            {
                problems.Add(new Diagnostic(SourceSpan.None, $"workflow '{workflow.Name}', {e.Message} (from {source})"));
            }
        }
    }

    /// <summary>The text for one parameter from its highest layer, and that layer's name.</summary>
    private (string? Text, string? Source) TextOf(
        WorkflowDefinition workflow, ParameterSpec parameter, IReadOnlyDictionary<string, string> explicitValues, string explicitSource)
    {
        if (explicitValues.TryGetValue(parameter.Name, out var given))
        {
            return (given, explicitSource);
        }
        var key = $"{workflow.Name}:{parameter.Name}";
        return configuration[key] is { } configured ? (configured, configuration.SourceOf(key)) : (null, null);
    }

    private static string Describe(ParameterSpec parameter) =>
        parameter.Description is { Length: > 0 } d ? $"{parameter.Kind.ToString().ToLowerInvariant()}: {d}" : parameter.Kind.ToString().ToLowerInvariant();
}
