using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Loader.Sftp.Tests.Support;

/// <summary>
/// A real OpenSSH sshd on a free 127.0.0.1 port, serving files from a temporary folder over <c>internal-sftp</c> to the
/// system user <see cref="User"/> (created by scripts/prepare.sh), by password and by key. Host and user keys are
/// generated with ssh-keygen. A machine without sshd fails the tests that need it; it never skips them.
/// </summary>
public sealed class SshServer : IAsyncLifetime
{
    public const string User = "loadertest";
    public const string Password = "loadertest-pw";
    public const string KeyPassphrase = "correct horse battery";
    private const string Sshd = "/usr/sbin/sshd";

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _sshd;

    /// <summary>The temporary folder holding keys, configuration and served files.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-sftp-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SFTP start folder: remote paths such as <c>./Students/x.zip</c> resolve here.</summary>
    public string Served => Path.Combine(Folder, "served");

    public int Port { get; private set; }

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>A known_hosts file with a plain <c>[127.0.0.1]:port</c> line for the server.</summary>
    public string KnownHosts => Path.Combine(Folder, "known_hosts");

    /// <summary>The same line hashed by <c>ssh-keygen -H</c>.</summary>
    public string HashedKnownHosts => Path.Combine(Folder, "known_hosts_hashed");

    /// <summary>An unencrypted RSA key in PEM form (<c>BEGIN RSA PRIVATE KEY</c>), as the original downloader wanted.</summary>
    public string RsaPemKey => Path.Combine(Folder, "id_rsa_pem");

    /// <summary>An ed25519 key in OpenSSH form, encrypted with <see cref="KeyPassphrase"/>.</summary>
    public string Ed25519Key => Path.Combine(Folder, "id_ed25519");

    /// <summary>The listener's process id; each connection is served by a child of it.</summary>
    public int ListenerPid => _sshd?.Id ?? 0;

    /// <summary>The last lines sshd wrote, for failure messages.</summary>
    public string Log => string.Join(Environment.NewLine, _log.TakeLast(40));

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
        var folders = Path.Combine(Path.GetTempPath(), "loader-sftp-tests");
        foreach (var folder in new[] { folders, Folder, Served })
        {
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        Directory.CreateDirectory("/run/sshd");

        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "loader-test-host", "-f", HostKey);
        Fingerprint = Tool.Run("ssh-keygen", "-l", "-E", "sha256", "-f", HostKey + ".pub").Split(' ')[1];
        Tool.Run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "loader-test-rsa", "-f", RsaPemKey);
        Tool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", KeyPassphrase, "-C", "loader-test-ed25519", "-f", Ed25519Key);
        await File.WriteAllTextAsync(AuthorizedKeys, await File.ReadAllTextAsync(RsaPemKey + ".pub") + await File.ReadAllTextAsync(Ed25519Key + ".pub"));
        File.SetUnixFileMode(AuthorizedKeys, (UnixFileMode)0b110_100_100);
        Tool.Run("chown", "-R", User, Served);

        await StartAsync();
        var hostLine = string.Join(' ', (await File.ReadAllTextAsync(HostKey + ".pub")).Split(' ')[..2]);
        await File.WriteAllTextAsync(KnownHosts, $"{HostName} {hostLine}\n");
        await File.WriteAllTextAsync(HashedKnownHosts, $"{HostName} {hostLine}\n");
        Tool.Run("ssh-keygen", "-q", "-H", "-f", HashedKnownHosts);
    }

    /// <summary>The server's name in known_hosts: <c>[127.0.0.1]:port</c>.</summary>
    public string HostName => $"[127.0.0.1]:{Port}";

    private string HostKey => Path.Combine(Folder, "ssh_host_ed25519_key");

    private string AuthorizedKeys => Path.Combine(Folder, "authorized_keys");

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/> under the served folder; returns its local path.</summary>
    public string Serve(string relativePath, byte[] content, DateTime? modifiedUtc = null)
    {
        var path = Path.Combine(Served, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, modifiedUtc ?? new DateTime(2026, 1, 20, 6, 0, 0, DateTimeKind.Utc));
        return path;
    }

    /// <summary>Kills every process serving a connection (the listener's children and theirs): every open session drops.</summary>
    public int KillSessions()
    {
        var victims = Descendants(ListenerPid);
        foreach (var pid in victims)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        return victims.Count;
    }

    public async Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            KillSessions();
            _sshd.Kill();
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
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            await File.WriteAllTextAsync(ConfigPath, Config());
            var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-D", "-e", "-f", ConfigPath })
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

    private string ConfigPath => Path.Combine(Folder, "sshd_config");

    private string Config() => $"""
        Port {Port}
        ListenAddress 127.0.0.1
        HostKey {HostKey}
        PidFile {Path.Combine(Folder, "sshd.pid")}
        UsePAM no
        PasswordAuthentication yes
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
        Subsystem sftp internal-sftp -d {Served}

        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // pid (comm) state ppid ...: the command may hold spaces and parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    queue.Enqueue(pid);
                }
            }
        }
        return found;
    }
}

/// <summary>Tests that share one sshd; they run one at a time, so killing "the" session kills the test's own.</summary>
[CollectionDefinition(Name)]
public sealed class SshServerCollection : ICollectionFixture<SshServer>
{
    public const string Name = "sshd";
}
