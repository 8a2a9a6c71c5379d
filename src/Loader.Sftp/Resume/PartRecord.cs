using System.Text.Json.Serialization;

namespace Loader.Sftp.Resume;

/// <summary>
/// The small JSON file beside a partial download: which remote file version the <c>.part</c> holds the start of,
/// and how many of its bytes were flushed to disk when last recorded.
/// </summary>
internal sealed record PartRecord(
    [property: JsonPropertyName("remote_path")] string RemotePath,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("mtime")] DateTime ModifiedUtc,
    [property: JsonPropertyName("durable_bytes")] long DurableBytes)
{
    /// <summary>A record of <paramref name="remote"/> with <paramref name="durable"/> bytes on disk.</summary>
    public static PartRecord Of(RemoteFileStat remote, long durable) => new(remote.Path, remote.Size, remote.ModifiedUtc, durable);

    /// <summary>Whether the record describes the same remote file version as <paramref name="remote"/>.</summary>
    public bool Describes(RemoteFileStat remote) =>
        RemotePath == remote.Path && Size == remote.Size && ModifiedUtc == remote.ModifiedUtc;
}
