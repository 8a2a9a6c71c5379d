using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Loader.Bench.Sftp;

/// <summary>OpenSSH's sshd on a free 127.0.0.1 port serving one folder to the user 'loadertest' by key (see scripts/prepare.sh).</summary>
[SupportedOSPlatform("linux")]
internal sealed class BenchServer : IAsyncDisposable
{
    public const string User = "loadertest";

    private Process? _sshd;

    private BenchServer(string folder) => Folder = folder;

    public string Folder { get; }
    public string Served => Path.Combine(Folder, "served");
    public string UserKey => Path.Combine(Folder, "id_ed25519");
    public string KnownHosts => Path.Combine(Folder, "known_hosts");
    public string Fingerprint { get; private set; } = "";
    public int Port { get; private set; }
    public ServerEndpoint Endpoint => new(Port, UserKey, KnownHosts);

    public static async Task<BenchServer> StartAsync(string folder)
    {
        var server = new BenchServer(folder);
        await server.StartAsync();
        return server;
    }

    private async Task StartAsync()
    {
        if (!File.Exists("/usr/sbin/sshd"))
        {
            throw new InvalidOperationException("/usr/sbin/sshd is missing: run scripts/prepare.sh as root");
        }
        foreach (var folder in new[] { Folder, Served })
        {
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        Directory.CreateDirectory("/run/sshd");
        var hostKey = Path.Combine(Folder, "host_key");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", UserKey);
        Fingerprint = Run("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub").Split(' ')[1];
        var authorized = Path.Combine(Folder, "authorized_keys");
        File.Copy(UserKey + ".pub", authorized);
        File.SetUnixFileMode(authorized, (UnixFileMode)0b110_100_100);
        Run("chown", "-R", User, Served);

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var config = Path.Combine(Folder, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile {Path.Combine(Folder, "sshd.pid")}
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            AuthorizedKeysFile {authorized}
            StrictModes no
            AllowUsers {User}
            Subsystem sftp internal-sftp -d {Served}

            """);
        var start = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(arg);
        }
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sshd = new Process { StartInfo = start };
        _sshd.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Server listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        _sshd.Start();
        _sshd.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, _sshd.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(15))) != listening.Task)
        {
            throw new InvalidOperationException($"sshd did not start on port {Port}");
        }
        var hostLine = string.Join(' ', (await File.ReadAllTextAsync(hostKey + ".pub")).Split(' ')[..2]);
        await File.WriteAllTextAsync(KnownHosts, $"[127.0.0.1]:{Port} {hostLine}\n");
    }

    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {error.Result}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        _sshd?.Dispose();
    }
}
