namespace Loader.Sftp.Resume;

/// <summary>What the server says of the remote file: enough to tell whether a partial download still belongs to it.</summary>
/// <param name="Path">The remote path as given.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ModifiedUtc">Its modification time (whole seconds, as SFTP reports it).</param>
internal sealed record RemoteFileStat(string Path, long Size, DateTime ModifiedUtc);
