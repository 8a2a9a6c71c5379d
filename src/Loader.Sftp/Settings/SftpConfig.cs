using Loader.Configuration.Settings;

namespace Loader.Sftp.Settings;

/// <summary>The typed keys of the <c>sftp:</c> configuration section, with their allowed ranges; a task's <c>with</c> follows the same rules.</summary>
public static class SftpConfig
{
    /// <summary><c>sftp.port</c>: a TCP port.</summary>
    public static WholeSetting Port { get; } = new("sftp:port", 1, 65535, 22);

    /// <summary><c>sftp.connect_timeout</c>: how long connecting and logging in may take.</summary>
    public static DurationSetting ConnectTimeout { get; } = new("sftp:connect_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));

    /// <summary><c>sftp.read_timeout</c>: how long one SFTP request may wait for its answer.</summary>
    public static DurationSetting ReadTimeout { get; } = new("sftp:read_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), TimeSpan.FromSeconds(60));

    /// <summary><c>sftp.attempts</c>: connections tried per attempt of the task.</summary>
    public static WholeSetting Attempts { get; } = new("sftp:attempts", 1, 100, 5);

    /// <summary><c>sftp.backoff</c>: the wait before the first reconnect.</summary>
    public static DurationSetting Backoff { get; } = new("sftp:backoff", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), TimeSpan.FromSeconds(2));

    /// <summary><c>sftp.trust_unknown_host</c>: accept a server nothing vouches for.</summary>
    public static FlagSetting TrustUnknownHost { get; } = new("sftp:trust_unknown_host", false);

    /// <summary>Every typed key of the section, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Port, ConnectTimeout, ReadTimeout, Attempts, Backoff, TrustUnknownHost];
}
