using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>A workflow with its parameters resolved: the values, and where each came from.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="Values">Each parameter's typed value.</param>
/// <param name="Sources">Where each value came from: command line, a config layer, or the default.</param>
public sealed record WorkflowBinding(
    WorkflowDefinition Workflow,
    IReadOnlyDictionary<string, object> Values,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>The parameters whose values are secret: declared <c>secret: true</c>, or made from a secret.</summary>
    public IReadOnlySet<string> SecretParameters { get; init; } = new HashSet<string>();
}
