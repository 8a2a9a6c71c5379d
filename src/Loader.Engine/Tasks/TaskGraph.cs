namespace Loader.Tasks;

/// <summary>Every task instance a request needs, in dependency order, and the ones it asked for.</summary>
/// <param name="Instances">Every instance; each one's requirements come before it.</param>
/// <param name="Goals">The instances the request asked for.</param>
/// <param name="Root">The requested workflow's binding.</param>
/// <param name="Warnings">Things the user should know, such as configuration keys nothing reads.</param>
/// <param name="Today">The date <c>today</c> meant when the graph was bound; steps see the same one.</param>
public sealed record TaskGraph(
    IReadOnlyList<TaskInstance> Instances,
    IReadOnlyList<TaskInstance> Goals,
    WorkflowBinding Root,
    IReadOnlyList<string> Warnings,
    DateOnly Today)
{
    /// <summary>What the request asked for that has nothing to plan, said once each: an empty interval.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The requested workflow's parameters as a command line would give them (<c>--name value</c>), secret ones as <c>***</c>.</summary>
    public string DescribeParameters() =>
        string.Join(" ", Root.Workflow.Parameters.Select(p => $"--{p.Name} {RootValue(p.Name)}"));

    /// <summary>The requested workflow's value of <paramref name="parameter"/> as text, or <c>***</c> when it is secret.</summary>
    public string RootValue(string parameter) =>
        Root.SecretParameters.Contains(parameter) ? "***" : Parameters.ParameterParser.Format(Root.Values[parameter]);

    /// <summary>
    /// Every secret parameter value in the graph, declared <c>secret: true</c> or made from a secret, to be masked
    /// wherever text is shown.
    /// </summary>
    public IEnumerable<string> SecretValues() =>
        Instances
            .SelectMany(i => i.SecretParameters.Select(p => i.Parameters[p]))
            .Concat(Root.SecretParameters.Select(p => Root.Values[p]))
            .Select(Parameters.ParameterParser.Format)
            .Distinct();
}
