namespace Loader.Steps;

/// <summary>Does nothing: for tasks that only group requirements or whose outputs are markers.</summary>
public sealed class NoopStep : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new("noop", "Does nothing; the task's markers are written when it succeeds.", []);

    /// <inheritdoc />
    public Task RunAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
