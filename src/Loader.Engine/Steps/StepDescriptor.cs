namespace Loader.Steps;

/// <summary>What a step type is and takes: drives validation, <c>loader steps</c>, the docs and the Studio.</summary>
/// <param name="Name">The name a task's <c>uses</c> gives.</param>
/// <param name="Summary">One line on what the step does.</param>
/// <param name="Inputs">The inputs the step reads from the task's <c>with</c>.</param>
/// <param name="HasBody">False for <c>external</c>: the task only waits for its outputs to appear.</param>
/// <param name="RunsOn">The placement the step's work happens on: <c>local</c> (this process) or one a placement registers, such as <c>emr</c>.</param>
public sealed record StepDescriptor(string Name, string Summary, IReadOnlyList<StepInput> Inputs, bool HasBody = true, string RunsOn = "local")
{
    /// <summary>The input named <paramref name="name"/>, or null.</summary>
    public StepInput? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}

/// <summary>One input of a step type.</summary>
/// <param name="Name">The key under the task's <c>with</c>.</param>
/// <param name="Type">The input's type: string, int, bool, duration, list, map or secret.</param>
/// <param name="Required">Whether the task must give it.</param>
/// <param name="Default">The value used when the task does not give it.</param>
/// <param name="Help">What the input means.</param>
public sealed record StepInput(string Name, string Type, bool Required, string? Default, string Help);
