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
    /// <summary>The requested workflow's parameters as a command line would give them (<c>--name value</c>), secret ones as <c>***</c>.</summary>
    public string DescribeParameters() =>
        string.Join(" ", Root.Workflow.Parameters.Select(p => $"--{p.Name} {(p.Secret ? "***" : Parameters.ParameterParser.Format(Root.Values[p.Name]))}"));

    /// <summary>Every value of a <c>secret: true</c> parameter in the graph, to be masked wherever text is shown.</summary>
    public IEnumerable<string> SecretValues() =>
        Instances
            .SelectMany(i => i.Binding.Workflow.Parameters.Where(p => p.Secret).Select(p => Parameters.ParameterParser.Format(i.Parameters[p.Name])))
            .Distinct();
}
