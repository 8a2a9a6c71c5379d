using Loader.Steps;

namespace Loader.Students.Csv;

/// <summary>The student file cannot be loaded as given (missing columns, a bad offset...); retrying cannot help.</summary>
public sealed class StudentFileException(string message) : StepFailedException(message)
{
    /// <inheritdoc />
    public override bool Retryable => false;
}
