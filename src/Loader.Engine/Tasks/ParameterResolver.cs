using Loader.Configuration;
using Loader.Expressions;
using Loader.Parameters;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// Gives every parameter of a workflow its value: an explicit value (command line, or a requiring task's <c>with</c>),
/// else the workflow's config section (<c>Workflow: {param: value}</c>), else the default. A value is secret when its
/// parameter is, or when it was made from a secret: see <see cref="SecretSources"/>.
/// </summary>
internal sealed class ParameterResolver(LoaderConfiguration configuration, ParameterParser parser, SecretSources secrets)
{
    /// <summary>
    /// Resolves the parameters of <paramref name="workflow"/>; <paramref name="explicitSource"/> names where the explicit
    /// values come from, and <paramref name="secretExplicit"/> which of them were made from a secret.
    /// </summary>
    public WorkflowBinding Resolve(
        WorkflowDefinition workflow, IReadOnlyDictionary<string, string> explicitValues, string explicitSource, IReadOnlySet<string>? secretExplicit = null)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var secret = new HashSet<string>(StringComparer.Ordinal);
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
        return new WorkflowBinding(workflow, values, sources) { SecretParameters = secret };

        void Resolve(ParameterSpec parameter)
        {
            if (values.ContainsKey(parameter.Name) || !resolving.Add(parameter.Name))
            {
                return;
            }
            var (text, source, fromSecret) = TextOf(workflow, parameter, explicitValues, explicitSource, secretExplicit);
            if (text is null && parameter.Default is { } fallback)
            {
                try
                {
                    var template = Template.Parse(fallback, parameter.Span);
                    foreach (var other in template.Expressions.SelectMany(e => e.Names).Select(workflow.Parameter).OfType<ParameterSpec>())
                    {
                        Resolve(other);
                    }
                    text = template.Render(new InstanceScope(values, null, parser.Today, configuration));
                    source = "default";
                    fromSecret = secrets.Reads(template, secret);
                }
                catch (Exception e) when (e is ExpressionException or KeyNotFoundException)
                {
                    problems.Add(new Diagnostic(parameter.Span, $"default of parameter '{parameter.Name}' of '{workflow.Name}': {e.Message}"));
                    return;
                }
            }
            if (text is null)
            {
                var where = parameter.Secret
                    ? configuration.WhereSecretGoes($"{workflow.Name}:{parameter.Name}")
                    : $"give it on the command line or under '{workflow.Name}:' in config";
                problems.Add(new Diagnostic(SourceSpan.None, $"missing parameter --{parameter.Name} for workflow '{workflow.Name}' ({Describe(parameter)}); {where}"));
                return;
            }
            try
            {
                values[parameter.Name] = parser.Parse(parameter, text, fromSecret);
                sources[parameter.Name] = source!;
                if (parameter.Secret || fromSecret)
                {
                    secret.Add(parameter.Name);
                }
            }
            catch (FormatException e)
            {
                problems.Add(new Diagnostic(SourceSpan.None, $"workflow '{workflow.Name}', {e.Message} (from {source})"));
            }
        }
    }

    /// <summary>The text for one parameter from its highest layer, that layer's name, and whether the text is secret there.</summary>
    private (string? Text, string? Source, bool Secret) TextOf(
        WorkflowDefinition workflow,
        ParameterSpec parameter,
        IReadOnlyDictionary<string, string> explicitValues,
        string explicitSource,
        IReadOnlySet<string>? secretExplicit)
    {
        if (explicitValues.TryGetValue(parameter.Name, out var given))
        {
            return (given, explicitSource, secretExplicit?.Contains(parameter.Name) == true);
        }
        var key = $"{workflow.Name}:{parameter.Name}";
        return configuration[key] is { } configured ? (configured, configuration.SourceOf(key), secrets.IsSecretKey(key)) : (null, null, false);
    }

    private static string Describe(ParameterSpec parameter) =>
        parameter.Description is { Length: > 0 } d ? $"{parameter.Kind.ToString().ToLowerInvariant()}: {d}" : parameter.Kind.ToString().ToLowerInvariant();
}
