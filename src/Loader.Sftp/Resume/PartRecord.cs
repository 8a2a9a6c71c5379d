using System.Text.Json.Serialization;

namespace Loader.Sftp.Resume;

/// <summary>
/// The small JSON file beside a partial download: which remote file version the <c>.part</c> holds the start of,
/// how many of its bytes were flushed to disk when last recorded, and in which boot of the machine it was recorded.
/// </summary>
internal sealed record PartRecord(
    [property: JsonPropertyName("remote_path")] string RemotePath,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("mtime")] DateTime ModifiedUtc,
    [property: JsonPropertyName("durable_bytes")] long DurableBytes,
    [property: JsonPropertyName("boot_id")] string? BootId = null)
{
    /// <summary>A record of <paramref name="remote"/> with <paramref name="durable"/> bytes on disk, made in this boot.</summary>
    public static PartRecord Of(RemoteFileStat remote, long durable) => new(remote.Path, remote.Size, remote.ModifiedUtc, durable, MachineBoot.Id);

    /// <summary>Whether the record describes the same remote file version as <paramref name="remote"/>.</summary>
    public bool Describes(RemoteFileStat remote) =>
        RemotePath == remote.Path && Size == remote.Size && ModifiedUtc == remote.ModifiedUtc;

    /// <summary>
    /// How many of the <paramref name="partLength"/> bytes of the <c>.part</c> can be trusted, in boot <paramref name="boot"/>.
    /// In the boot the record was made in, all of them: a process killed outright (kill -9) leaves every byte it wrote
    /// in the page cache. After a restart only the flushed ones: the rest may never have reached the disk.
    /// </summary>
    public long TrustedBytes(long partLength, string? boot) =>
        BootId is not null && BootId == boot ? partLength : Math.Min(partLength, DurableBytes);
}
