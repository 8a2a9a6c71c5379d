using Loader.S3.Addressing;
using Loader.S3.Targets;
using Loader.S3.Transfer;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>
/// Copies an S3 object or prefix to another S3 location on the server, without downloading it. Into the task's own
/// S3 output (the default) the copy happens at commit, before the flag; elsewhere it happens at once, flag last.
/// </summary>
public sealed class S3CopyStep(S3Connections connections) : IStep
{
    private const string Name = "s3.copy";

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        Name,
        "Copies an S3 object, or every object under a prefix, to another S3 location on the server.",
        [
            new StepInput("from", "string", true, null, "The s3:// URL to copy: an object, or a prefix ending in '/'."),
            new StepInput("to", "string", false, null,
                "The s3:// URL to write: an object, or a prefix ending in '/'. Default: the task's one S3 output, filled at commit."),
            new StepInput("require_flag", "bool", false, "true", "For a prefix: fail unless its _SUCCESS object exists, so an incomplete prefix is never copied."),
        ]);

    /// <inheritdoc />
    public Task RunAsync(StepContext context, CancellationToken cancellationToken) => S3StepErrors.Guard(Name, async () =>
    {
        var source = S3Location.Parse(context.RequiredText("from"));
        var objects = connections.For(context.Configuration);
        var destination = context.Text("to") is { Length: > 0 } to ? S3Location.Parse(to) : OwnOutput(context).Location;
        if (source.IsPrefix && context.Flag("require_flag"))
        {
            var flag = source.Child(Target.SuccessFlag);
            await foreach (var page in objects.ListAsync(flag.Bucket, flag.Key, null, null, cancellationToken))
            {
                if (page.Objects.All(o => o.Key != flag.Key))
                {
                    throw new StepFailedException($"{Name}: {source} has no {Target.SuccessFlag} object, so its writer has not finished; wait for it, or set require_flag: false to copy it as it is");
                }
            }
        }
        if (source.IsPrefix && !destination.IsPrefix)
        {
            throw new StepInputException($"{Name}: {source} is a prefix, but {destination} is one object: give 'to' as a prefix ending in '/'");
        }
        var target = !source.IsPrefix && destination.IsPrefix ? destination.Child(source.Name) : destination;
        if (S3StepOutput.Matching(context, target) is { } own && own.Target.Kind == (source.IsPrefix ? TargetKind.Flag : TargetKind.File))
        {
            StagingArea.RequestCopy(own.WrittenAt, source);
            context.Log.Line($"{own.Target.Location} will be copied source {source} on the server when the task succeeds");
        }
        else if (source.IsPrefix)
        {
            var written = await new PrefixWriter(objects).WriteAsync(destination, null, source, writeFlag: true, cancellationToken);
            context.Counts["objects"] = written;
            context.Log.Line($"copied {written} object(s) source {source} to {destination}");
        }
        else
        {
            await objects.CopyAsync(source, target, cancellationToken);
            context.Counts["objects"] = 1;
            context.Log.Line($"copied {source} to {target}");
        }
    });

    private static S3StepOutput OwnOutput(StepContext context)
    {
        var output = S3StepOutput.Single(context, Name);
        return output.IsS3 && output.Target.Kind != TargetKind.Marker
            ? output
            : throw new StepInputException($"{Name}: give 'to' (an s3:// URL), or declare the task's output on S3; {output.Target.Location} is not");
    }
}
