namespace Loader.Steps;

/// <summary>Data that something outside the workflow produces: the task is complete when its outputs exist, and is never run.</summary>
public sealed class ExternalStep : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "external", "Waits for data produced outside the workflow; never runs, only checks its outputs.", [], HasBody: false);

    /// <inheritdoc />
    public Task RunAsync(StepContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("an external task is never run");
}
