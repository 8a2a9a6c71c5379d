namespace Loader.Steps;

/// <summary>A step failed for a reason it can state; the message is shown to people as it is.</summary>
public class StepFailedException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether another attempt may succeed (false for bad input that no retry can fix).</summary>
    public virtual bool Retryable => true;
}

/// <summary>A step failed because of its input or configuration; retrying cannot help.</summary>
public sealed class StepInputException(string message, Exception? inner = null) : StepFailedException(message, inner)
{
    /// <inheritdoc />
    public override bool Retryable => false;
}
