using Loader.Steps;

namespace Loader.Students.Art;

/// <summary>ART refused a request for a reason another attempt cannot fix (a 4xx such as a bad batch or wrong credentials).</summary>
public sealed class ArtRefusedException(string message) : StepFailedException(message)
{
    /// <inheritdoc />
    public override bool Retryable => false;
}
