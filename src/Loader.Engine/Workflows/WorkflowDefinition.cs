using Loader.Parameters;

namespace Loader.Workflows;

/// <summary>A workflow as written in its file: typed parameters and the tasks they drive.</summary>
/// <param name="Name">The workflow's name, unique across the workflow folder.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Parameters">Its typed parameters.</param>
/// <param name="Tasks">Its tasks.</param>
/// <param name="Span">Where it is declared.</param>
/// <param name="RunsOn">Where a run of the whole workflow happens: <c>local</c>, or <c>ssh</c> for the host the <c>remote:</c> configuration names.</param>
public sealed record WorkflowDefinition(
    string Name,
    string? Description,
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<TaskDefinition> Tasks,
    SourceSpan Span,
    string RunsOn = "local")
{
    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public ParameterSpec? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The task named <paramref name="family"/>, or null.</summary>
    public TaskDefinition? Task(string family) => Tasks.FirstOrDefault(t => t.Family == family);

    /// <summary>The tasks no other task of this workflow requires: what a request for the workflow asks for.</summary>
    public IEnumerable<TaskDefinition> Goals()
    {
        var required = Tasks.SelectMany(t => t.Requires).OfType<TaskRequirement>().Select(r => r.Family).ToHashSet();
        return Tasks.Where(t => !required.Contains(t.Family));
    }
}
