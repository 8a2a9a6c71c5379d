using System.Text.Json;
using Loader.Sftp.Transfer;
using Loader.Targets;

namespace Loader.Sftp.Resume;

/// <summary>
/// A download in progress beside its final path: the data in <c>FINAL.part</c>, the record in <c>FINAL.part.json</c>.
/// Both outlive a failed attempt so that the next one can resume.
/// </summary>
internal sealed class PartialFile(string finalPath)
{
    /// <summary>Where the data goes: <c>FINAL.part</c>.</summary>
    public string DataPath { get; } = finalPath + ".part";

    /// <summary>Where the record goes: <c>FINAL.part.json</c>.</summary>
    public string RecordPath { get; } = finalPath + ".part.json";

    /// <summary>The size of the data so far, or null when there is none.</summary>
    public long? Length => File.Exists(DataPath) ? new FileInfo(DataPath).Length : null;

    /// <summary>The record, or null when it is missing or unreadable (then the data cannot be trusted).</summary>
    public async Task<PartRecord?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(RecordPath);
            return await JsonSerializer.DeserializeAsync<PartRecord>(stream, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the record atomically.</summary>
    public async Task WriteRecordAsync(PartRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllTextAsync(RecordPath, JsonSerializer.Serialize(record), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(RecordPath, e);
        }
    }

    /// <summary>Cuts the data to <paramref name="length"/> bytes and flushes it to disk, creating it (and its folder) when missing.</summary>
    public void TruncateTo(long length)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DataPath))!);
            using var stream = new FileStream(DataPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(DataPath, e);
        }
    }

    /// <summary>Forgets the record, so that the next attempt starts over.</summary>
    public void ForgetRecord() => File.Delete(RecordPath);

    /// <summary>Renames the finished data to <paramref name="destination"/> (same folder) and removes the record.</summary>
    public void MoveTo(string destination)
    {
        try
        {
            File.Move(DataPath, destination, overwrite: true);
            File.Delete(RecordPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(destination, e);
        }
    }

    /// <summary>A clear error for a local file that cannot be written.</summary>
    public static LocalFileException Failure(string path, Exception e) =>
        new($"sftp.download: cannot write {path}: {e.Message}", e);
}
