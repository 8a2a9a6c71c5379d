using Loader.Parameters;

namespace Loader.Workflows;

/// <summary>A workflow as written in its file: typed parameters and the tasks they drive.</summary>
public sealed record WorkflowDefinition(
    string Name,
    string? Description,
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<TaskDefinition> Tasks,
    SourceSpan Span)
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
