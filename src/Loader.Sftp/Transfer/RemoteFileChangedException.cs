namespace Loader.Sftp.Transfer;

/// <summary>The remote file's size or modification time changed while it was read; the download starts again.</summary>
internal sealed class RemoteFileChangedException(string message) : Exception(message);
