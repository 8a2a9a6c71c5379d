using System.Security.Cryptography;
using Loader.S3.Addressing;
using Loader.S3.Targets;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>
/// The S3 outputs of one attempt of a step whose work happens elsewhere and writes to S3 itself, such as an EMR
/// step. It writes each output under a work prefix of the same bucket (<c>_loader_work/RUN-ATTEMPT-RANDOM/KEY</c>,
/// new for every attempt); when the task succeeds the runner copies it into place on the server, its
/// <c>_SUCCESS</c> flag last, so nothing under the final key changes before then. An S3 lifecycle rule on
/// <c>_loader_work/</c> clears what is left there.
/// </summary>
public sealed class WorkOutputs
{
    /// <summary>The prefix work locations are under, in each output's bucket.</summary>
    public const string Prefix = "_loader_work/";

    private readonly IReadOnlyList<(string Name, S3StepOutput Output, S3Location? Work)> _outputs;

    private WorkOutputs(StepContext context)
    {
        var attempt = $"{context.RunId}-{context.Attempt}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        _outputs = [.. S3StepOutput.All(context).Select((output, i) => (
            context.Task.Definition.Outputs[i].Name,
            output,
            output.IsS3 && output.Target.Kind != TargetKind.Marker ? output.Location with { Key = $"{Prefix}{attempt}/{output.Location.Key}" } : null))];
    }

    /// <summary>The work locations of the attempt <paramref name="context"/> runs.</summary>
    public static WorkOutputs For(StepContext context) => new(context);

    /// <summary>Where the step writes each output: its work location for an S3 object or prefix, the staged path for any other.</summary>
    public IReadOnlyDictionary<string, string> Locations =>
        _outputs.ToDictionary(o => o.Name, o => o.Work?.ToString() ?? o.Output.WrittenAt, StringComparer.Ordinal);

    /// <summary>Asks the runner to copy each S3 output from its work location when it commits the task.</summary>
    public void Commit()
    {
        foreach (var (_, output, work) in _outputs)
        {
            if (work is not null)
            {
                StagingArea.RequestCopy(output.WrittenAt, work);
            }
        }
    }
}
