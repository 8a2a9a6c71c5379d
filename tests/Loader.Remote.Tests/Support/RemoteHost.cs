using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Loader.Sftp.Tests.Support;

namespace Loader.Remote.Tests.Support;

/// <summary>
/// A real OpenSSH sshd on a free 127.0.0.1 port that lets the system user <see cref="User"/> (made by
/// scripts/prepare.sh, as for the SFTP tests) log in by key and run commands. That user's login shell is
/// /usr/sbin/nologin, and sshd runs every command through it; so sshd runs in a private mount namespace
/// (<c>unshare -m</c>) where /bin/sh is bind-mounted over /usr/sbin/nologin. Nothing changes outside that
/// namespace: the system user keeps no shell. A machine without sshd fails the tests; it never skips them.
/// </summary>
public sealed class RemoteHost : IAsyncLifetime
{
    public const string User = "loadertest";
    private const string Sshd = "/usr/sbin/sshd";

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _sshd;

    /// <summary>Keys and sshd configuration (readable by root only where it matters).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-remote-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The remote base folder, owned by <see cref="User"/>: runs make their folders here.</summary>
    public string RemoteBase => Path.Combine(Folder, "remote");

    public int Port { get; private set; }

    public string Fingerprint { get; private set; } = "";

    /// <summary>A known_hosts file with the server's key.</summary>
    public string KnownHosts => Path.Combine(Folder, "known_hosts");

    /// <summary>A known_hosts file naming the server with another key, as after a reinstall (or an attack).</summary>
    public string ChangedKnownHosts => Path.Combine(Folder, "known_hosts_changed");

    /// <summary>An unencrypted ed25519 key that logs in as <see cref="User"/>.</summary>
    public string Key => Path.Combine(Folder, "id_ed25519");

    /// <summary>How the remote side starts loader: the loader.dll built beside the tests.</summary>
    public static string RemoteCommand => $"dotnet {Path.Combine(AppContext.BaseDirectory, "loader.dll")}";

    public string Log => string.Join(Environment.NewLine, _log.TakeLast(40));

    private string HostKey => Path.Combine(Folder, "ssh_host_ed25519_key");

    private string OtherHostKey => Path.Combine(Folder, "other_host_key");

    private string AuthorizedKeys => Path.Combine(Folder, "authorized_keys");

    private string ConfigPath => Path.Combine(Folder, "sshd_config");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} is missing: run scripts/prepare.sh as root (it installs openssh-server)");
        }
        try
        {
            Tool.Run("id", "-u", User);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"system user '{User}' is missing: run scripts/prepare.sh as root", e);
        }
        var parent = Path.Combine(Path.GetTempPath(), "loader-remote-tests");
        foreach (var folder in new[] { parent, Folder, RemoteBase })
        {
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        Tool.Run("chown", User, RemoteBase);
        Directory.CreateDirectory("/run/sshd");
        OpenBuildOutput();

        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "loader-remote-host", "-f", HostKey);
        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "loader-remote-other", "-f", OtherHostKey);
        Fingerprint = Tool.Run("ssh-keygen", "-l", "-E", "sha256", "-f", HostKey + ".pub").Split(' ')[1];
        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "loader-remote-user", "-f", Key);
        await File.WriteAllTextAsync(AuthorizedKeys, await File.ReadAllTextAsync(Key + ".pub"));
        File.SetUnixFileMode(AuthorizedKeys, (UnixFileMode)0b110_100_100);

        await StartAsync();
        await File.WriteAllTextAsync(KnownHosts, $"[127.0.0.1]:{Port} {KeyLine(HostKey)}\n");
        await File.WriteAllTextAsync(ChangedKnownHosts, $"[127.0.0.1]:{Port} {KeyLine(OtherHostKey)}\n");
    }

    private static string KeyLine(string key) => string.Join(' ', File.ReadAllText(key + ".pub").Split(' ')[..2]);

    /// <summary>
    /// Lets the remote user read the built loader.dll: o+rx on the build output folders these tests' build made
    /// (from the test assembly's folder up to, not including, /tmp). System folders are left alone.
    /// </summary>
    private static void OpenBuildOutput()
    {
        var temp = Path.GetFullPath(Path.GetTempPath()).TrimEnd('/');
        var folder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        if (!folder.FullName.StartsWith(temp + "/", StringComparison.Ordinal))
        {
            // Built elsewhere (a checkout's bin/): its folders are the user's own business; leave them.
            return;
        }
        for (var current = folder; current is not null && current.FullName != temp; current = current.Parent)
        {
            current.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
    }

    public async Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        _sshd?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            await File.WriteAllTextAsync(ConfigPath, Config());
            var start = new ProcessStartInfo("unshare") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                $"mount --bind /bin/sh /usr/sbin/nologin && exec {Sshd} -D -e -f '{ConfigPath}'" })
            {
                start.ArgumentList.Add(arg);
            }
            if (await SshdProcess.StartAsync(start, _log) is { } process)
            {
                _sshd = process;
                return;
            }
            if (attempt == 3)
            {
                throw new InvalidOperationException($"sshd did not start on port {Port}:{Environment.NewLine}{Log}");
            }
        }
    }

    private string Config() => $"""
        Port {Port}
        ListenAddress 127.0.0.1
        HostKey {HostKey}
        PidFile {Path.Combine(Folder, "sshd.pid")}
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        AuthorizedKeysFile {AuthorizedKeys}
        StrictModes no
        AllowUsers {User}
        PermitRootLogin no
        X11Forwarding no
        AllowTcpForwarding no
        MaxStartups 50
        LogLevel VERBOSE
        Subsystem sftp internal-sftp

        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Tests that share one sshd.</summary>
[CollectionDefinition(Name)]
public sealed class RemoteHostCollection : ICollectionFixture<RemoteHost>
{
    public const string Name = "remote sshd";
}
