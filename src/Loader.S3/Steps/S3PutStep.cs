using Loader.S3.Addressing;
using Loader.S3.Transfer;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>
/// Puts a local file or folder on S3. When the destination is the task's own S3 output (the default), the step only
/// stages the data and the runner uploads it at commit, flag last; any other destination is uploaded directly.
/// </summary>
public sealed class S3PutStep(S3Connections connections) : IStep
{
    private const string Name = "s3.put";

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        Name,
        "Uploads a local file or folder to S3; a folder's files go under the prefix, then its _SUCCESS object last.",
        [
            new StepInput("from", "string", true, null, "The local file or folder to upload."),
            new StepInput("to", "string", false, null,
                "The s3:// URL to write: an object, or a prefix ending in '/'. Default: the task's one S3 output, which the runner then uploads at commit."),
            new StepInput("flag", "bool", false, "true", "When uploading a folder directly to a prefix ('to' not an output), write its _SUCCESS object last."),
        ]);

    /// <inheritdoc />
    public Task RunAsync(StepContext context, CancellationToken cancellationToken) => S3StepErrors.Guard(Name, async () =>
    {
        var source = Path.GetFullPath(context.RequiredText("from"));
        var isFolder = Directory.Exists(source);
        if (!isFolder && !File.Exists(source))
        {
            throw new StepInputException($"{Name}: {source} does not exist: give 'from' as an existing local file or folder");
        }
        var destination = Destination(context);
        var own = S3StepOutput.Matching(context, destination);
        if (own is not null)
        {
            Stage(source, isFolder, own);
            context.Log.Line($"staged {source} for {own.Target.Location}; the runner uploads it when the task succeeds");
        }
        else if (isFolder)
        {
            var written = await new PrefixWriter(connections.For(context.Configuration))
                .WriteAsync(destination.AsPrefix(), source, null, writeFlag: context.Flag("flag"), cancellationToken);
            context.Log.Line($"uploaded {written} file(s) source {source} to {destination.AsPrefix()}");
        }
        else
        {
            var to = destination.IsPrefix ? destination.Child(Path.GetFileName(source)) : destination;
            await connections.For(context.Configuration).PutFileAsync(to, source, cancellationToken);
            context.Log.Line($"uploaded {source} to {to}");
        }
        context.Counts["bytes"] = isFolder ? LocalTree.Size(source) : new FileInfo(source).Length;
    });

    private static S3Location Destination(StepContext context)
    {
        if (context.Text("to") is { Length: > 0 } to)
        {
            return S3Location.Parse(to);
        }
        var output = S3StepOutput.Single(context, Name);
        return output.IsS3 && output.Target.Kind != TargetKind.Marker
            ? output.Location
            : throw new StepInputException($"{Name}: give 'to' (an s3:// URL), or declare the task's output on S3; {output.Target.Location} is not");
    }

    private static void Stage(string source, bool isFolder, S3StepOutput output)
    {
        switch (output.Target.Kind, isFolder)
        {
            case (TargetKind.Flag, true):
                LocalTree.CopyFolder(source, output.WrittenAt);
                break;
            case (TargetKind.Flag, false):
                File.Copy(source, Path.Combine(output.WrittenAt, Path.GetFileName(source)), overwrite: true);
                break;
            case (_, true):
                throw new StepInputException($"{Name}: {source} is a folder, but {output.Target.Location} is one object: make the output a prefix ending in '/'");
            default:
                File.Copy(source, output.WrittenAt, overwrite: true);
                break;
        }
    }
}
