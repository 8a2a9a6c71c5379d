using System.IO.Compression;

namespace Loader.Steps;

/// <summary>How far a zip entry may inflate: <paramref name="MaxRatio"/> times its packed size and <paramref name="MaxBytes"/> at most.</summary>
internal sealed record InflateLimits(long MaxRatio, long MaxBytes)
{
    /// <summary>Refuses an entry whose declared size is already past the limits, before anything is written.</summary>
    public void CheckDeclared(ZipArchiveEntry entry, string archivePath) => Check(entry, entry.Length, archivePath, "declares");

    /// <summary>Refuses an entry once <paramref name="inflated"/> bytes of it are past the limits or past its declared size.</summary>
    public void CheckInflated(ZipArchiveEntry entry, long inflated, string archivePath)
    {
        if (inflated > entry.Length)
        {
            throw new StepInputException(
                $"entry {entry.FullName} of {archivePath} inflates past the {entry.Length:N0} bytes it declares: the archive is damaged or a zip bomb; check where it came from");
        }
        Check(entry, inflated, archivePath, "inflates to");
    }

    private void Check(ZipArchiveEntry entry, long size, string archivePath, string verb)
    {
        if (size > MaxBytes)
        {
            throw new StepInputException(
                $"entry {entry.FullName} of {archivePath} {verb} more than {MaxBytes:N0} bytes (max_bytes): refused as too large; raise max_bytes if it is expected");
        }
        if (size > Math.Max(entry.CompressedLength, 1) * MaxRatio)
        {
            throw new StepInputException(
                $"entry {entry.FullName} of {archivePath} {verb} {size:N0} bytes from {entry.CompressedLength:N0} packed, more than {MaxRatio} times (max_ratio): refused as a likely zip bomb; raise max_ratio if the data really packs that well");
        }
    }
}
