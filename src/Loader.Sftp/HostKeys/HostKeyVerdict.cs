namespace Loader.Sftp.HostKeys;

/// <summary>What a <see cref="HostKeyPolicy"/> decided about a server's key, and the words to say it with.</summary>
/// <param name="Trusted">Whether the connection may go on.</param>
/// <param name="Message">For a trusted key, a line for the log; otherwise why it was refused and what to change.</param>
public sealed record HostKeyVerdict(bool Trusted, string Message);
