using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Loader.Sftp.Connection;
using Loader.Sftp.HostKeys;
using Loader.Steps;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Remote;

/// <summary>
/// Runs a workflow on another machine, as edx's remote-task: connects over SSH (host key checked), opens the run's
/// workspace there (or a fresh folder), copies the workflows and configuration over SFTP unless the workspace has
/// them already, runs <c>loader run</c> in it with its output streamed here, and (when waited for) brings its log and
/// history back under <c>.loader/remote/WORKSPACE/RUN</c>.
/// </summary>
public sealed class RemoteRunner(TextWriter output, TextWriter error, TimeProvider? clock = null)
{
    private const string SecretParametersFile = "secret-parameters.yml";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Runs the request's workflow on its host; a <see cref="RemoteRunException"/> when it cannot start there.</summary>
    public async Task<RemoteRunResult> RunAsync(RemoteRunRequest request, CancellationToken cancellationToken)
    {
        if (!request.Fresh && !HostWorkspace.IsName(request.Workspace))
        {
            throw new RemoteRunException($"remote: '{request.Workspace}' cannot name a workspace: use letters, digits, '.', '_' and '-' (up to 100, not starting with '.' or '-')");
        }
        var files = request.SkipSetup ? null : SetupFiles.Collect(request);
        var policy = Policy(request);
        using var logins = Logins(request);
        using var ssh = new SshClient(Info(request, logins, policy));
        await ConnectAsync(ssh, request, policy, cancellationToken);
        using var sftp = new SftpClient(Info(request, logins, policy));
        await ConnectAsync(sftp, request, policy, cancellationToken);

        var root = request.Folder ?? "";
        if (!root.StartsWith('/'))
        {
            var home = (await RunAsync(ssh, "pwd", cancellationToken)).Output.Trim();
            root = home.TrimEnd('/') + (root.Length == 0 ? "" : "/" + root);
        }
        if (request.Install is { } packed)
        {
            request = request with { RemoteCommand = Quote(await HostInstall.EnsureAsync(ssh, sftp, root, packed, output, cancellationToken)) };
        }
        var id = $"{Stamp(_clock.GetUtcNow())}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var name = request.Fresh ? "loader-remote-" + id : request.Workspace;
        var workspace = await HostWorkspace.OpenAsync(ssh, sftp,
            root.TrimEnd('/') + (request.Fresh ? "/" : $"/{HostWorkspace.Parent}/") + name, existing: request.SkipSetup, cancellationToken);
        var folder = workspace.Folder;
        string setup;
        if (files is null)
        {
            setup = await workspace.CurrentSetupAsync(cancellationToken);
            await output.WriteLineAsync($"remote: --skip-setup: using {setup} as the workspace {folder} has it");
        }
        else
        {
            (setup, var copied) = await workspace.SetUpAsync(files, cancellationToken);
            await output.WriteLineAsync(copied
                ? $"remote: copied the set-up ({files.Count} files) to {folder}/{setup}"
                : $"remote: set-up unchanged ({setup} on the host), nothing copied");
            foreach (var removed in await workspace.PruneAsync(setup, _clock.GetUtcNow(), cancellationToken))
            {
                await output.WriteLineAsync($"remote: removed the old set-up {removed}");
            }
        }
        var runFolder = await workspace.StartRunAsync(id, cancellationToken);
        var layers = files is null ? await workspace.LayersAsync(setup, cancellationToken) : [.. files.Layers.Select(l => setup + "/" + l)];
        if (request.SecretParameters.Count > 0)
        {
            var secrets = $"runs/{id}/{SecretParametersFile}";
            await SetupFiles.UploadAsync(sftp, Encoding.UTF8.GetBytes(SetupFiles.Yaml(request.SecretParameters)), folder + "/" + secrets, isPrivate: true, cancellationToken);
            layers = [.. layers, secrets];
        }
        sftp.Disconnect();

        // The set-up is named, not reached through 'current', so a set-up another run makes meanwhile cannot change
        // this run's workflows or configuration halfway.
        var where = new StringBuilder($" --workflows {Quote(setup + "/workflows")} --config-folder {Quote(setup + "/config")}");
        foreach (var layer in layers)
        {
            where.Append(" --config ").Append(Quote(layer));
        }
        // --here: the host runs it itself, even when the workflow says runs_on: ssh.
        var run = new StringBuilder($"{request.RemoteCommand} run {Quote(request.Workflow)} --here");
        foreach (var parameter in request.Parameters)
        {
            run.Append(' ').Append(Quote(parameter));
        }
        run.Append(where);
        var cd = $"cd {Quote(folder)} && ";
        if (!request.Wait)
        {
            var started = await RunAsync(ssh, cd + $"nohup {run} > {Quote($"runs/{id}/output.log")} 2>&1 < /dev/null & echo $!", cancellationToken);
            await output.WriteLineAsync($"started {request.Workflow} on {Endpoint(request)} in {folder} (process {started.Output.Trim()})");
            await output.WriteLineAsync($"follow it with: ssh {(request.Port == 22 ? "" : $"-p {request.Port} ")}{request.User}@{request.Host} tail -f {runFolder}/output.log");
            return new RemoteRunResult(0, folder, runFolder, null);
        }

        await output.WriteLineAsync($"running {request.Workflow} on {Endpoint(request)} in {folder}");
        await output.FlushAsync(cancellationToken);
        var log = new StringBuilder();
        int exitCode;
        using (var command = ssh.CreateCommand(cd + run))
        {
            var execute = command.ExecuteAsync(cancellationToken);
            var pumps = Task.WhenAll(
                PumpAsync(command.OutputStream, output, log, cancellationToken),
                PumpAsync(command.ExtendedOutputStream, error, log, cancellationToken));
            try
            {
                await execute;
                await pumps;
            }
            catch (OperationCanceledException)
            {
                await error.WriteLineAsync($"remote: interrupted; the command on {Endpoint(request)} was asked to stop and the connection closed. Its workspace {folder} keeps its state and logs ('loader history' there).");
                throw;
            }
            exitCode = command.ExitStatus ?? 1;
        }

        var saved = request.Fresh
            ? Path.Combine(request.LocalRoot, ".loader", "remote", name)
            : Path.Combine(request.LocalRoot, ".loader", "remote", name, id);
        Directory.CreateDirectory(saved);
        await File.WriteAllTextAsync(Path.Combine(saved, "output.log"), log.ToString(), cancellationToken);
        var history = await RunAsync(ssh, cd + $"{request.RemoteCommand} history --workflow {Quote(request.Workflow)} --limit 1 --output json{where}", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(saved, "history.json"), history.Output, cancellationToken);
        if (history.ExitCode != 0)
        {
            await error.WriteLineAsync($"remote: 'history' exited with {history.ExitCode}: {history.Error.Trim()}");
        }
        await output.WriteLineAsync($"remote run exited with {exitCode}; its log and history are in {saved}");
        return new RemoteRunResult(exitCode, folder, runFolder, saved);
    }

    private static string Endpoint(RemoteRunRequest request) => request.Port == 22 ? request.Host : $"{request.Host}:{request.Port}";

    /// <summary>Quotes <paramref name="text"/> for a POSIX shell.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static HostKeyPolicy Policy(RemoteRunRequest request)
    {
        string? pinned = null;
        if (request.HostKeySha256 is { Length: > 0 } fingerprint)
        {
            pinned = HostKeyFingerprint.Normalize(fingerprint)
                ?? throw new RemoteRunException($"remote: --host-key-sha256 '{fingerprint}' is not a SHA-256 fingerprint (SHA256:... as ssh-keygen -lf prints it)");
        }
        KnownHostsFile? known = null;
        if (request.KnownHosts is { Length: > 0 } path)
        {
            var full = Path.GetFullPath(path, request.LocalRoot);
            try
            {
                known = KnownHostsFile.Load(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RemoteRunException($"remote: cannot read known_hosts file {full}: {e.Message}", e);
            }
        }
        return new HostKeyPolicy(request.Host, request.Port, known, pinned, trustUnknown: false);
    }

    private static LoginMethods Logins(RemoteRunRequest request)
    {
        LoginMethods logins;
        try
        {
            logins = LoginMethods.From("remote", request.User, request.KeyFile, request.KeyPassphrase, request.Password);
        }
        catch (StepInputException e)
        {
            throw new RemoteRunException(e.Message, e);
        }
        if (logins.Methods.Count == 0)
        {
            logins.Dispose();
            throw new RemoteRunException("remote: no way to log in: give --key FILE (or remote.key_file), or set remote.password in config/secret.yml");
        }
        return logins;
    }

    private static ConnectionInfo Info(RemoteRunRequest request, LoginMethods logins, HostKeyPolicy policy)
    {
        var info = new ConnectionInfo(request.Host, request.Port, request.User, [.. logins.Methods]) { Timeout = request.ConnectTimeout };
        policy.AskForKnownKeyTypes(info);
        return info;
    }

    private async Task ConnectAsync(BaseClient client, RemoteRunRequest request, HostKeyPolicy policy, CancellationToken cancellationToken)
    {
        HostKeyVerdict? verdict;
        try
        {
            verdict = await policy.ConnectAsync(client, cancellationToken);
        }
        catch (HostKeyRefusedException e)
        {
            throw new RemoteRunException($"remote: {e.Message}", e);
        }
        catch (SshAuthenticationException e)
        {
            throw new RemoteRunException($"remote: {Endpoint(request)} refused the login of user '{request.User}' ({e.Message}): check --user, --key and remote.password", e);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new RemoteRunException($"remote: cannot connect to {Endpoint(request)}: {e.Message}", e);
        }
        if (client is SshClient && verdict is not null)
        {
            await error.WriteLineAsync($"remote: {verdict.Message}");
        }
    }

    private static async Task PumpAsync(Stream source, TextWriter target, StringBuilder log, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(source, Encoding.UTF8);
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            lock (log)
            {
                log.Append(buffer, 0, read);
                target.Write(buffer, 0, read);
                target.Flush();
            }
        }
    }

    private sealed record CommandResult(int ExitCode, string Output, string Error);

    private static async Task<CommandResult> RunAsync(SshClient ssh, string commandText, CancellationToken cancellationToken)
    {
        using var command = ssh.CreateCommand(commandText);
        await command.ExecuteAsync(cancellationToken);
        return new CommandResult(command.ExitStatus ?? 1, command.Result, command.Error);
    }

    internal static string Stamp(DateTimeOffset time) => time.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
}
