using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>A workflow with its parameters resolved: the values, and where each came from.</summary>
/// <param name="Workflow">The workflow.</param>
/// <param name="Values">Each parameter's typed value.</param>
/// <param name="Sources">Where each value came from: command line, a config layer, or the default.</param>
public sealed record WorkflowBinding(
    WorkflowDefinition Workflow,
    IReadOnlyDictionary<string, object> Values,
    IReadOnlyDictionary<string, string> Sources);
