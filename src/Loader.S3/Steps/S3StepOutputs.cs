using Loader.S3.Addressing;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>The task's outputs as the S3 steps see them: the target, and where the step writes it for this attempt.</summary>
internal sealed record S3StepOutput(Target Target, string WrittenAt)
{
    /// <summary>Whether the output is on S3 (and so staged locally until the runner uploads it).</summary>
    public bool IsS3 => S3Location.IsS3Url(Target.Location);

    /// <summary>The output's S3 location: an object, or a prefix for a flag.</summary>
    public S3Location Location => Target.Kind == TargetKind.Flag ? S3Location.Parse(Target.Location).AsPrefix() : S3Location.Parse(Target.Location);

    /// <summary>Every output of the task being run.</summary>
    public static IReadOnlyList<S3StepOutput> All(StepContext context) =>
        context.Task.Outputs.Select((target, i) => new S3StepOutput(target, context.Outputs[context.Task.Definition.Outputs[i].Name])).ToList();

    /// <summary>The task's one output; a clear error naming <paramref name="step"/> otherwise.</summary>
    public static S3StepOutput Single(StepContext context, string step) => All(context) switch
    {
        [var only] => only,
        [] => throw new StepInputException($"{step} writes the task's output: declare one under 'outputs'"),
        var many => throw new StepInputException($"{step} writes one output, but the task declares {many.Count}: {string.Join(", ", many.Select(o => o.Target.Location))}"),
    };

    /// <summary>The task's S3 output at <paramref name="location"/>, or null when the destination is elsewhere.</summary>
    public static S3StepOutput? Matching(StepContext context, S3Location location) =>
        All(context).FirstOrDefault(o => o.IsS3 && o.Target.Kind != TargetKind.Marker
            && (o.Location == location || (o.Target.Kind == TargetKind.Flag && o.Location == location.AsPrefix())));
}
