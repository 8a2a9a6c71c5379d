using System.Security.Cryptography;
using Renci.SshNet;

namespace Loader.Remote;

/// <summary>
/// Puts loader on a host from a folder of the single-file executables <c>scripts/pack.sh</c> makes: the one for the
/// host's processor, checked against its <c>.sha256</c> here and on the host, copied only when the host's differs.
/// </summary>
internal static class HostInstall
{
    /// <summary>Where the executable goes, under the remote folder: beside the workspaces, shared by them.</summary>
    public const string Path = "loader-bin/loader";

    /// <summary>Makes <paramref name="root"/>/<see cref="Path"/> the executable in <paramref name="packed"/> for the host; returns its path there.</summary>
    public static async Task<string> EnsureAsync(
        SshClient ssh, SftpClient sftp, string root, string packed, TextWriter output, CancellationToken cancellationToken)
    {
        var machine = (await ShellAsync(ssh, "uname -m", cancellationToken)).Trim();
        var name = machine switch
        {
            "x86_64" or "amd64" => "loader-linux-x64",
            "aarch64" or "arm64" => "loader-linux-arm64",
            _ => throw new RemoteRunException($"remote.install: the host's processor is '{machine}', and loader is packed for x86_64 and aarch64 only"),
        };
        var local = System.IO.Path.Combine(packed, name);
        var expected = await ExpectedAsync(local, cancellationToken);
        var target = root.TrimEnd('/') + "/" + Path;
        var present = (await ShellAsync(ssh, $"sha256sum {RemoteRunner.Quote(target)} 2>/dev/null || true", cancellationToken)).Split(' ')[0];
        if (present == expected)
        {
            await output.WriteLineAsync($"remote: {target} is current ({name}, sha256 {expected[..12]})");
            return target;
        }
        var incoming = $"{target}.incoming-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await ShellAsync(ssh, $"mkdir -p {RemoteRunner.Quote(target[..target.LastIndexOf('/')])}", cancellationToken);
        await using (var file = File.OpenRead(local))
        {
            await sftp.UploadFileAsync(file, incoming, cancellationToken);
        }
        // Checked where it landed, then moved into place whole: a run never starts a half-copied executable.
        var landed = (await ShellAsync(ssh, $"sha256sum {RemoteRunner.Quote(incoming)}", cancellationToken)).Split(' ')[0];
        if (landed != expected)
        {
            await ShellAsync(ssh, $"rm -f {RemoteRunner.Quote(incoming)}", cancellationToken);
            throw new RemoteRunException($"remote.install: {name} arrived on the host with sha256 {landed}, not {expected}: copy it again");
        }
        await ShellAsync(ssh, $"chmod 755 {RemoteRunner.Quote(incoming)} && mv -f {RemoteRunner.Quote(incoming)} {RemoteRunner.Quote(target)}", cancellationToken);
        await output.WriteLineAsync($"remote: installed {name} as {target} (sha256 {expected[..12]})");
        return target;
    }

    /// <summary>The executable's SHA-256 as its <c>.sha256</c> file states it, once the file is checked against it.</summary>
    private static async Task<string> ExpectedAsync(string local, CancellationToken cancellationToken)
    {
        if (!File.Exists(local) || !File.Exists(local + ".sha256"))
        {
            throw new RemoteRunException(
                $"remote.install: no {System.IO.Path.GetFileName(local)} with its .sha256 in {System.IO.Path.GetDirectoryName(local)}: make them with 'bash scripts/pack.sh' and point remote.install at its output folder");
        }
        var stated = (await File.ReadAllTextAsync(local + ".sha256", cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant();
        await using var file = File.OpenRead(local);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return actual == stated
            ? actual
            : throw new RemoteRunException($"remote.install: {local} does not match its .sha256 ({actual}, not {stated}): pack it again");
    }

    private static async Task<string> ShellAsync(SshClient ssh, string commandText, CancellationToken cancellationToken)
    {
        using var command = ssh.CreateCommand(commandText);
        await command.ExecuteAsync(cancellationToken);
        return command.ExitStatus == 0
            ? command.Result
            : throw new RemoteRunException($"remote.install: '{commandText}' failed on the host: {command.Error.Trim()}");
    }
}
