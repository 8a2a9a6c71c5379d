using Loader.S3.Addressing;
using Loader.S3.Targets;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>
/// S3 outputs of a step whose work happens elsewhere and writes to S3 itself, such as an EMR step. It writes each
/// output under a work prefix of the same bucket (<c>_loader_work/RUN-ATTEMPT/KEY</c>); when the task succeeds
/// the runner copies it into place on the server, its <c>_SUCCESS</c> flag last, so nothing under the final key
/// changes before then. An S3 lifecycle rule on <c>_loader_work/</c> clears what is left there.
/// </summary>
public static class WorkOutputs
{
    /// <summary>The prefix work locations are under, in each output's bucket.</summary>
    public const string Prefix = "_loader_work/";

    /// <summary>Where the step writes each output: a work location for an S3 object or prefix, the staged path for any other.</summary>
    public static IReadOnlyDictionary<string, string> Locations(StepContext context) =>
        S3StepOutput.All(context).Select((output, i) => (Name: context.Task.Definition.Outputs[i].Name, output))
            .ToDictionary(o => o.Name, o => IsWritten(o.output) ? Work(o.output, context).ToString() : o.output.WrittenAt, StringComparer.Ordinal);

    /// <summary>Asks the runner to copy each S3 output from its work location when it commits the task.</summary>
    public static void Commit(StepContext context)
    {
        foreach (var output in S3StepOutput.All(context).Where(IsWritten))
        {
            StagingArea.RequestCopy(output.WrittenAt, Work(output, context));
        }
    }

    private static bool IsWritten(S3StepOutput output) => output.IsS3 && output.Target.Kind != TargetKind.Marker;

    private static S3Location Work(S3StepOutput output, StepContext context) =>
        output.Location with { Key = $"{Prefix}{context.RunId}-{context.Attempt}/{output.Location.Key}" };
}
