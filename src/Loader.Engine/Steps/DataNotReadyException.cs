namespace Loader.Steps;

/// <summary>
/// The external data a step needs is not there yet (not published, empty, still being written): not a failure.
/// The runner ends the task as waiting for external data (exit code 20) at once, without retrying it, and runs
/// nothing that requires it; the next run tries again.
/// </summary>
public sealed class DataNotReadyException(string message, Exception? inner = null) : StepFailedException(message, inner)
{
    /// <inheritdoc />
    /// <remarks>A retry a few seconds later rarely finds data that is published hours apart; the next run will.</remarks>
    public override bool Retryable => false;
}
