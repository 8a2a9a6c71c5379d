using System.Net.Sockets;
using Loader.Steps;
using Renci.SshNet.Common;

namespace Loader.Sftp.Connection;

/// <summary>Which failures a fresh connection may cure: drops, resets, time-outs. Never bad input, refused logins or host keys.</summary>
internal static class ConnectionFailures
{
    /// <summary>Whether <paramref name="e"/> is worth reconnecting and resuming for.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        OperationCanceledException => false,
        StepFailedException => false,
        SshAuthenticationException or SftpPathNotFoundException or SftpPermissionDeniedException or SshPassPhraseNullOrEmptyException => false,
        SshConnectionException or SshOperationTimeoutException or ProxyException or SshException => true,
        SocketException or TimeoutException or ObjectDisposedException => true,
        // Local write failures arrive wrapped as LocalFileException (a StepFailedException); a bare IOException is the network.
        IOException => true,
        _ => false,
    };
}
