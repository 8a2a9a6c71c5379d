using Loader.S3.Addressing;
using Loader.Targets;

namespace Loader.S3.Targets;

/// <summary>
/// Where an S3 target lives and which key proves it complete: the object itself for a file or marker,
/// <c>prefix/_SUCCESS</c> for a flag prefix.
/// </summary>
/// <param name="Target">The target.</param>
/// <param name="Location">The object, or the prefix (ending with <c>/</c>) of a flag.</param>
/// <param name="CompletionKey">The key whose existence makes the target exist.</param>
/// <param name="Parent">The prefix the target sits in: what one listing covers for a whole per-day fan-out.</param>
internal sealed record S3TargetAddress(Target Target, S3Location Location, string CompletionKey, string Parent)
{
    /// <summary>Reads <paramref name="target"/>'s URL; a <see cref="FormatException"/> for a form S3 cannot hold atomically.</summary>
    public static S3TargetAddress Of(Target target)
    {
        var location = S3Location.Parse(target.Location);
        switch (target.Kind)
        {
            case TargetKind.Flag:
                var prefix = location.AsPrefix();
                var trimmed = prefix.Key.TrimEnd('/');
                return new S3TargetAddress(target, prefix, prefix.Key + Target.SuccessFlag, trimmed[..(trimmed.LastIndexOf('/') + 1)]);
            case TargetKind.File or TargetKind.Marker when location.IsPrefix:
                throw new FormatException(
                    $"{target.Location} ends with '/', so it names a prefix, not an object: drop the '/' for an object, or declare it as a flag prefix ({{flag: {target.Location}}} or a plain path ending in '/')");
            case TargetKind.File or TargetKind.Marker:
                return new S3TargetAddress(target, location, location.Key, location.Key[..(location.Key.LastIndexOf('/') + 1)]);
            default:
                throw new FormatException(
                    $"{target.Location}: a {{folder: ...}} output cannot appear on S3 all at once; declare a flag prefix instead (a path ending in '/'), which counts only when its {Target.SuccessFlag} object exists");
        }
    }
}
