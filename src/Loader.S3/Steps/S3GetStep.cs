using Loader.S3.Addressing;
using Loader.S3.Client;
using Loader.S3.Transfer;
using Loader.Steps;
using Loader.Targets;

namespace Loader.S3.Steps;

/// <summary>
/// Downloads an S3 object or a whole prefix to the task's output. A prefix is taken only when its <c>_SUCCESS</c>
/// object exists (unless told otherwise), so a half-written partition is never read.
/// </summary>
public sealed class S3GetStep(S3Connections connections) : IStep
{
    private const string Name = "s3.get";

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        Name,
        "Downloads an S3 object, or every object under a prefix, to the task's output.",
        [
            new StepInput("from", "string", true, null, "The s3:// URL to read: an object, or a prefix ending in '/' (downloaded into a folder output, keeping relative keys)."),
            new StepInput("require_flag", "bool", false, "true", "For a prefix: fail unless its _SUCCESS object exists, so an incomplete prefix is never read."),
        ]);

    /// <inheritdoc />
    public Task RunAsync(StepContext context, CancellationToken cancellationToken) => S3StepErrors.Guard(Name, async () =>
    {
        var source = S3Location.Parse(context.RequiredText("from"));
        var output = S3StepOutput.Single(context, Name);
        if (output.Target.Kind == TargetKind.Marker)
        {
            throw new StepInputException($"{Name} writes data, but the task's only output {output.Target.Location} is a marker: declare a file or folder output");
        }
        var objects = connections.For(context.Configuration);
        if (!source.IsPrefix)
        {
            var path = Directory.Exists(output.WrittenAt) ? Path.Combine(output.WrittenAt, source.Name) : output.WrittenAt;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await objects.DownloadAsync(source, path, cancellationToken);
            context.Counts["objects"] = 1;
            context.Counts["bytes"] = new FileInfo(path).Length;
            context.Log.Line($"downloaded {source} to {path}");
            return;
        }
        if (!Directory.Exists(output.WrittenAt))
        {
            throw new StepInputException($"{Name}: {source} is a prefix, so it is downloaded into a folder, but {output.Target.Location} is a file: declare the output as a path ending in '/' or {{folder: PATH}}");
        }
        var listed = await objects.ListAllAsync(source, cancellationToken);
        var flag = source.Child(Target.SuccessFlag).Key;
        if (context.Flag("require_flag") && listed.All(o => o.Key != flag))
        {
            throw new StepFailedException(
                $"{Name}: {source} has no {Target.SuccessFlag} object, so its writer has not finished ({listed.Count} object(s) there now); wait for it, or set require_flag: false to read it as it is");
        }
        var downloads = listed
            .Where(o => o.Key != flag && !o.Key.EndsWith('/'))
            .Select(o => (Object: o, Path: LocalTree.PathUnder(output.WrittenAt, o.Key[source.Key.Length..])
                ?? throw new StepInputException($"{Name}: key {source with { Key = o.Key }} would be written outside {output.WrittenAt}; refusing it")))
            .ToList();
        await Parallel.ForEachAsync(downloads, new ParallelOptions { MaxDegreeOfParallelism = objects.Settings.Concurrency, CancellationToken = cancellationToken },
            async (download, token) =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(download.Path)!);
                await objects.DownloadAsync(source with { Key = download.Object.Key }, download.Path, token);
            });
        context.Counts["objects"] = downloads.Count;
        context.Counts["bytes"] = downloads.Sum(d => d.Object.Size);
        context.Log.Line($"downloaded {downloads.Count} object(s) under {source} to {output.WrittenAt}");
    });
}
