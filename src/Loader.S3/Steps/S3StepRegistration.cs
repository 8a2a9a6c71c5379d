using Loader.S3.Settings;
using Loader.Steps;

namespace Loader.S3.Steps;

/// <summary>Adds the S3 steps to a step registry.</summary>
public static class S3StepRegistration
{
    /// <summary>Adds <c>s3.put</c>, <c>s3.get</c> and <c>s3.copy</c>, sharing clients, and claims the <c>s3</c> configuration section.</summary>
    public static StepRegistry AddS3Steps(this StepRegistry steps, S3Connections? connections = null)
    {
        connections ??= new S3Connections();
        steps.Add(new S3PutStep(connections)).Add(new S3GetStep(connections)).Add(new S3CopyStep(connections));
        steps.ConfigSections.Add(S3Settings.Section);
        return steps;
    }
}
