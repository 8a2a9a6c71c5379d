using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Remote;

/// <summary>
/// A folder on the host that remote runs share and keep between them: the state store (<c>.loader/</c>), the data the
/// workflows write, and the set-ups. Each set-up sits complete in <c>setups/HASH</c>, named by its content hash and
/// put there by one rename, so a run never sees half of one; <c>current</c> links to the newest, and
/// <c>workflows</c> and <c>config</c> link through it, so paths such as <c>workflows/x.mjs</c> in a command work as
/// in the project. Each run has its own <c>runs/ID</c> folder.
/// </summary>
internal sealed partial class HostWorkspace
{
    /// <summary>The workspace a remote run uses unless told: one per project, as the project's own state store is.</summary>
    public const string DefaultName = "default";

    /// <summary>The folder under the root that holds the named workspaces.</summary>
    public const string Parent = "loader-workspaces";

    /// <summary>How long a set-up that is no longer current is kept for runs that may still use it.</summary>
    public static readonly TimeSpan SetupKept = TimeSpan.FromDays(1);

    private readonly SshClient _ssh;
    private readonly SftpClient _sftp;

    private HostWorkspace(SshClient ssh, SftpClient sftp, string folder)
    {
        _ssh = ssh;
        _sftp = sftp;
        Folder = folder;
    }

    /// <summary>The workspace's absolute path on the host.</summary>
    public string Folder { get; }

    /// <summary>Whether <paramref name="name"/> may name a workspace: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, not starting with <c>.</c> or <c>-</c>.</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The workspace <paramref name="folder"/> (absolute) on the host, made when missing unless <paramref name="existing"/>.</summary>
    public static async Task<HostWorkspace> OpenAsync(SshClient ssh, SftpClient sftp, string folder, bool existing, CancellationToken cancellationToken)
    {
        if (existing)
        {
            return new HostWorkspace(ssh, sftp, folder);
        }
        var path = "";
        foreach (var part in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path += "/" + part;
            await MakeAsync(sftp, path, cancellationToken);
        }
        await MakeAsync(sftp, folder + "/setups", cancellationToken);
        await MakeAsync(sftp, folder + "/runs", cancellationToken);
        return new HostWorkspace(ssh, sftp, folder);
    }

    private static async Task MakeAsync(SftpClient sftp, string path, CancellationToken cancellationToken)
    {
        if (await sftp.ExistsAsync(path, cancellationToken))
        {
            return;
        }
        try
        {
            await sftp.CreateDirectoryAsync(path, cancellationToken);
        }
        catch (SshException) when (sftp.Exists(path))
        {
            // Another run made it meanwhile.
        }
    }

    /// <summary>
    /// Makes <paramref name="files"/> the current set-up: copies them unless a set-up with their hash is already there,
    /// and returns its folder relative to the workspace (<c>setups/HASH</c>) and whether it was copied.
    /// </summary>
    public async Task<(string Setup, bool Copied)> SetUpAsync(SetupFiles files, CancellationToken cancellationToken)
    {
        var setup = "setups/" + files.Hash;
        var copied = false;
        if (!await _sftp.ExistsAsync(Folder + "/" + setup, cancellationToken))
        {
            // Copied aside, then renamed into place: a rename onto an existing set-up fails, so of two runs copying the
            // same set-up at once one puts it there and the other drops its copy.
            var incoming = $"{Folder}/setups/.incoming-{Guid.NewGuid():N}";
            await files.CopyAsync(_sftp, incoming, cancellationToken);
            try
            {
                _sftp.RenameFile(incoming, Folder + "/" + setup);
                copied = true;
            }
            catch (SshException) when (_sftp.Exists(Folder + "/" + setup))
            {
                await RemoveAsync(incoming, cancellationToken);
            }
        }
        // A new link renamed over the old one replaces it in one step (mv -T on GNU, -h on BSD). Not over SFTP: SSH.NET
        // resolves both paths first, following the links.
        var link = RemoteRunner.Quote($".current-{Guid.NewGuid():N}");
        await ShellAsync($"ln -s {RemoteRunner.Quote(setup)} {link} && {{ mv -Tf {link} current 2>/dev/null || mv -hf {link} current; }}"
            + " && { [ -L workflows ] || ln -s current/workflows workflows 2>/dev/null || [ -L workflows ]; }"
            + " && { [ -L config ] || ln -s current/config config 2>/dev/null || [ -L config ]; }", cancellationToken);
        return (setup, copied);
    }

    /// <summary>The set-up <c>current</c> links to (<c>setups/HASH</c>), for <c>--skip-setup</c>; a <see cref="RemoteRunException"/> when there is none.</summary>
    public async Task<string> CurrentSetupAsync(CancellationToken cancellationToken)
    {
        using var readlink = _ssh.CreateCommand($"readlink {RemoteRunner.Quote(Folder + "/current")}");
        await readlink.ExecuteAsync(cancellationToken);
        var target = readlink.Result.Trim();
        if (!target.StartsWith("setups/", StringComparison.Ordinal))
        {
            throw new RemoteRunException($"remote: --skip-setup was given, but the workspace {Folder} has no set-up yet: run once without --skip-setup");
        }
        return target;
    }

    /// <summary>The <c>--config</c> layers of <paramref name="setup"/>, relative to the workspace, as its layers file lists them.</summary>
    public async Task<IReadOnlyList<string>> LayersAsync(string setup, CancellationToken cancellationToken)
    {
        var text = await ShellAsync($"cat {RemoteRunner.Quote(setup + "/" + SetupFiles.LayersFile)}", cancellationToken);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(layer => setup + "/" + layer)];
    }

    /// <summary>
    /// Removes set-ups other than <paramref name="current"/> last changed more than <see cref="SetupKept"/> before
    /// <paramref name="now"/>, and copies left half-done by a run that was stopped.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(string current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        await foreach (var entry in _sftp.ListDirectoryAsync(Folder + "/setups", cancellationToken))
        {
            if (entry.Name is "." or ".." || "setups/" + entry.Name == current || now - entry.LastWriteTimeUtc <= SetupKept)
            {
                continue;
            }
            await RemoveAsync(entry.FullName, cancellationToken);
            removed.Add("setups/" + entry.Name);
        }
        return removed;
    }

    /// <summary>Makes this run's folder <c>runs/ID</c> and returns its absolute path.</summary>
    public async Task<string> StartRunAsync(string id, CancellationToken cancellationToken)
    {
        var folder = $"{Folder}/runs/{id}";
        await _sftp.CreateDirectoryAsync(folder, cancellationToken);
        return folder;
    }

    private async Task RemoveAsync(string path, CancellationToken cancellationToken) =>
        await ShellAsync($"rm -rf {RemoteRunner.Quote(path)}", cancellationToken);

    private async Task<string> ShellAsync(string commandText, CancellationToken cancellationToken)
    {
        using var command = _ssh.CreateCommand($"cd {RemoteRunner.Quote(Folder)} && {commandText}");
        await command.ExecuteAsync(cancellationToken);
        if (command.ExitStatus != 0)
        {
            throw new RemoteRunException($"remote: preparing the workspace {Folder} failed ({command.Error.Trim()}): check that the folder is the user's and is not in use by something else");
        }
        return command.Result;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
