using Loader.S3.Addressing;
using Loader.Targets;

namespace Loader.S3.Targets;

/// <summary>
/// Local folders where steps write S3 outputs before they are uploaded: one folder per attempt and output under
/// <c>s3.staging</c>, so nothing under the final key or prefix changes until the runner commits.
/// </summary>
internal sealed class StagingArea(string root)
{
    private const string PrefixFolder = "prefix";
    private const string CopyManifest = ".copy-from";

    /// <summary>A new place for a step to write <paramref name="address"/>: an empty folder for a flag prefix, a file path for an object.</summary>
    public string Create(S3TargetAddress address)
    {
        var attempt = Path.Combine(root, Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(attempt);
        if (address.Target.Kind == TargetKind.Flag)
        {
            var folder = Path.Combine(attempt, PrefixFolder);
            Directory.CreateDirectory(folder);
            return folder;
        }
        return Path.Combine(attempt, address.Location.Name);
    }

    /// <summary>Whether <paramref name="writtenAt"/> is a staging path of this area (and so safe to delete).</summary>
    public bool Owns(string writtenAt) =>
        !S3Location.IsS3Url(writtenAt)
        && AttemptFolder(writtenAt) is var attempt
        && Path.GetFullPath(attempt).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Deletes what an attempt staged at <paramref name="writtenAt"/>.</summary>
    public void Remove(string writtenAt)
    {
        var attempt = AttemptFolder(writtenAt);
        if (Owns(writtenAt) && Directory.Exists(attempt))
        {
            Directory.Delete(attempt, recursive: true);
        }
    }

    /// <summary>
    /// Asks the commit of the output staged at <paramref name="writtenAt"/> to copy <paramref name="source"/> on the
    /// server rather than upload a local file: how <c>s3.copy</c> fills an S3 output without a download.
    /// </summary>
    public static void RequestCopy(string writtenAt, S3Location source) =>
        File.WriteAllText(Path.Combine(AttemptFolder(writtenAt), CopyManifest), source.ToString());

    /// <summary>The source a step asked to copy into the output staged at <paramref name="writtenAt"/>, or null.</summary>
    public static S3Location? RequestedCopy(string writtenAt)
    {
        var manifest = Path.Combine(AttemptFolder(writtenAt), CopyManifest);
        return File.Exists(manifest) ? S3Location.Parse(File.ReadAllText(manifest).Trim()) : null;
    }

    private static string AttemptFolder(string writtenAt) =>
        Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(writtenAt)))!;
}
