namespace Loader.Steps;

/// <summary>What a task does when it runs. One instance serves every task that uses the step type.</summary>
public interface IStep
{
    /// <summary>The step's name, inputs and help.</summary>
    StepDescriptor Descriptor { get; }

    /// <summary>Does the work of one attempt; throws <see cref="StepFailedException"/> with a clear reason on failure.</summary>
    Task RunAsync(StepContext context, CancellationToken cancellationToken);
}
