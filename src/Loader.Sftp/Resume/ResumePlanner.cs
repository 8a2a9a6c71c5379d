using System.Globalization;
using Loader.Steps;

namespace Loader.Sftp.Resume;

/// <summary>
/// Decides where a download starts, with the original downloader's defects fixed: a partial file is resumed only
/// while its record still describes the remote file; a remote file shorter than the partial file, or an explicit
/// offset past either of them, is an error raised before anything local is touched.
/// </summary>
internal static class ResumePlanner
{
    /// <summary>
    /// The plan for <paramref name="remote"/>, given the partial file's length and record, an explicit offset and the
    /// machine's current <paramref name="boot"/> (null when unknown: then only flushed bytes are trusted).
    /// </summary>
    /// <exception cref="StepInputException">The remote file is shorter than the partial file, or the offset is out of range.</exception>
    public static ResumePlan Plan(RemoteFileStat remote, long? partLength, PartRecord? record, long? explicitOffset, string partPath, string? boot = null)
    {
        var have = partLength ?? 0;
        if (explicitOffset is { } offset)
        {
            if (offset > remote.Size)
            {
                throw new StepInputException(
                    $"sftp.download: offset {ByteCount.Text(offset)} is past the end of remote file {remote.Path} ({ByteCount.Text(remote.Size)}); refusing to seek past end of file. Nothing was changed.");
            }
            if (offset > have)
            {
                throw new StepInputException(
                    $"sftp.download: offset {ByteCount.Text(offset)} is past the {ByteCount.Text(have)} already downloaded to {partPath}; give an offset of at most {have}. Nothing was changed.");
            }
            var note = record is not null && !record.Describes(remote)
                ? " (the partial file was recorded for another version of the remote file; resuming anyway, as the offset was given)"
                : "";
            return new ResumePlan(offset, $"resuming at the given offset {ByteCount.Text(offset)}{note}");
        }
        if (partLength is null)
        {
            return new ResumePlan(0, "no partial download: starting at byte 0");
        }
        if (remote.Size < have)
        {
            throw new StepInputException(
                $"sftp.download: remote file {remote.Path} is {ByteCount.Text(remote.Size)}, shorter than the {ByteCount.Text(have)} already downloaded to {partPath}: "
                + $"it may have been replaced. Nothing was changed; delete {partPath} to download it again, or give an offset.");
        }
        if (record is null)
        {
            return new ResumePlan(0, $"{partPath} has no record of which remote file it belongs to: starting over at byte 0");
        }
        if (!record.Describes(remote))
        {
            return new ResumePlan(0,
                $"{partPath} belongs to another version of the remote file ({ByteCount.Text(record.Size)}, modified {Time(record.ModifiedUtc)}; "
                + $"now {ByteCount.Text(remote.Size)}, modified {Time(remote.ModifiedUtc)}): starting over at byte 0");
        }
        // Bytes past the last recorded flush may not have reached the disk before a crash: fetch them again, unless
        // the machine has not restarted since the record was made.
        var start = record.TrustedBytes(have, boot);
        return start == remote.Size
            ? new ResumePlan(start, $"{partPath} already holds all {ByteCount.Text(remote.Size)}")
            : new ResumePlan(start, $"resuming at byte {start.ToString("N0", CultureInfo.InvariantCulture)} of {ByteCount.Text(remote.Size)}");
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
