namespace Loader.Sftp.HostKeys;

/// <summary>The server's host key was refused: unknown, changed, or not the pinned one. The message shows its fingerprint.</summary>
public sealed class HostKeyRefusedException(string message, Exception inner) : Exception(message, inner);
