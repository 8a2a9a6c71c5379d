using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Loader.Sftp.HostKeys;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Remote;

/// <summary>
/// Runs a workflow on another machine, as edx's remote-task: connects over SSH (host key checked), makes a per-run
/// folder, copies the workflows and configuration there over SFTP, runs <c>loader run</c> in it with its output
/// streamed here, and (when waited for) brings its log and history back under <c>.loader/remote/FOLDER</c>.
/// </summary>
public sealed class RemoteRunner(TextWriter output, TextWriter error, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<RemoteRunResult> RunAsync(RemoteRunRequest request, CancellationToken cancellationToken)
    {
        var local = Locals(request);
        var policy = Policy(request);
        var auth = Authentication(request, out var owned);
        try
        {
            using var ssh = new SshClient(Info(request, auth));
            await ConnectAsync(ssh, request, policy, cancellationToken);
            using var sftp = new SftpClient(Info(request, auth));
            await ConnectAsync(sftp, request, policy, cancellationToken);

            var baseFolder = request.Folder ?? "";
            if (!baseFolder.StartsWith('/'))
            {
                var home = (await RunAsync(ssh, "pwd", cancellationToken)).Output.Trim();
                baseFolder = home.TrimEnd('/') + (baseFolder.Length == 0 ? "" : "/" + baseFolder);
            }
            var name = $"loader-remote-{Stamp(_clock.GetUtcNow())}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var folder = baseFolder.TrimEnd('/') + "/" + name;
            await CreateFolderAsync(sftp, folder, cancellationToken);
            await CopyAsync(sftp, local, folder, cancellationToken);
            if (request.SecretParameters.Count > 0)
            {
                await UploadPrivateAsync(sftp, SecretParametersYaml(request.SecretParameters), folder + "/" + SecretParametersFile, cancellationToken);
            }
            sftp.Disconnect();

            // --here: the host runs it itself, even when the workflow says runs_on: ssh.
            var run = new StringBuilder($"{request.RemoteCommand} run {Quote(request.Workflow)} --here");
            foreach (var parameter in request.Parameters)
            {
                run.Append(' ').Append(Quote(parameter));
            }
            foreach (var config in local.ExtraConfigs)
            {
                run.Append(" --config ").Append(Quote(config.Remote));
            }
            if (request.SecretParameters.Count > 0)
            {
                run.Append(" --config ").Append(SecretParametersFile);
            }
            var cd = $"cd {Quote(folder)} && ";
            if (!request.Wait)
            {
                var started = await RunAsync(ssh, cd + $"nohup {run} > output.log 2>&1 < /dev/null & echo $!", cancellationToken);
                await output.WriteLineAsync($"started {request.Workflow} on {Endpoint(request)} in {folder} (process {started.Output.Trim()})");
                await output.WriteLineAsync($"follow it with: ssh {(request.Port == 22 ? "" : $"-p {request.Port} ")}{request.User}@{request.Host} tail -f {folder}/output.log");
                return new RemoteRunResult(0, folder, null);
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
                    await error.WriteLineAsync($"remote: interrupted; the command on {Endpoint(request)} was asked to stop and the connection closed. Its folder {folder} keeps its state and logs ('loader history' there).");
                    throw;
                }
                exitCode = command.ExitStatus ?? 1;
            }

            var saved = Path.Combine(request.LocalRoot, ".loader", "remote", name);
            Directory.CreateDirectory(saved);
            await File.WriteAllTextAsync(Path.Combine(saved, "output.log"), log.ToString(), cancellationToken);
            var history = await RunAsync(ssh, cd + $"{request.RemoteCommand} history --output json", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(saved, "history.json"), history.Output, cancellationToken);
            if (history.ExitCode != 0)
            {
                await error.WriteLineAsync($"remote: 'history' exited with {history.ExitCode}: {history.Error.Trim()}");
            }
            await output.WriteLineAsync($"remote run exited with {exitCode}; its log and history are in {saved}");
            return new RemoteRunResult(exitCode, folder, saved);
        }
        finally
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }
        }
    }

    private static string Endpoint(RemoteRunRequest request) => request.Port == 22 ? request.Host : $"{request.Host}:{request.Port}";

    /// <summary>Quotes <paramref name="text"/> for a POSIX shell.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed record Upload(string Local, string Remote);

    private sealed record LocalFiles(string WorkflowFolder, IReadOnlyList<Upload> Configs, IReadOnlyList<Upload> ExtraConfigs);

    private static LocalFiles Locals(RemoteRunRequest request)
    {
        var workflows = Path.GetFullPath(request.WorkflowFolder, request.LocalRoot);
        if (!Directory.Exists(workflows))
        {
            throw new RemoteRunException($"remote: the workflow folder {workflows} does not exist");
        }
        var configFolder = Path.GetFullPath(request.ConfigFolder, request.LocalRoot);
        var configs = new List<Upload>();
        var defaults = Path.Combine(configFolder, "default.yml");
        if (File.Exists(defaults))
        {
            configs.Add(new Upload(defaults, "config/default.yml"));
        }
        var secret = Path.Combine(configFolder, "secret.yml");
        if (request.WithSecrets)
        {
            if (!File.Exists(secret))
            {
                throw new RemoteRunException($"remote: --with-secrets was given but {secret} does not exist");
            }
            configs.Add(new Upload(secret, "config/secret.yml"));
        }
        var extras = new List<Upload>();
        for (var i = 0; i < request.ConfigFiles.Count; i++)
        {
            var path = Path.GetFullPath(request.ConfigFiles[i], request.LocalRoot);
            if (!File.Exists(path))
            {
                throw new RemoteRunException($"remote: the configuration file {path} does not exist");
            }
            extras.Add(new Upload(path, $"config/extra-{i + 1}-{Path.GetFileName(path)}"));
        }
        return new LocalFiles(workflows, configs, extras);
    }

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
            var full = path.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
                : Path.GetFullPath(path, request.LocalRoot);
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

    private static AuthenticationMethod[] Authentication(RemoteRunRequest request, out List<IDisposable> owned)
    {
        owned = [];
        var methods = new List<AuthenticationMethod>();
        if (request.KeyFile is { Length: > 0 } keyFile)
        {
            PrivateKeyFile key;
            try
            {
                key = request.KeyPassphrase is null ? new PrivateKeyFile(keyFile) : new PrivateKeyFile(keyFile, request.KeyPassphrase);
            }
            catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
            {
                throw new RemoteRunException($"remote: cannot use key file {keyFile}: {e.Message}", e);
            }
            owned.Add(key);
            var method = new PrivateKeyAuthenticationMethod(request.User, key);
            owned.Add(method);
            methods.Add(method);
        }
        if (request.Password is { Length: > 0 } password)
        {
            var plain = new PasswordAuthenticationMethod(request.User, password);
            var interactive = new KeyboardInteractiveAuthenticationMethod(request.User);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            owned.Add(plain);
            owned.Add(interactive);
            methods.Add(plain);
            methods.Add(interactive);
        }
        if (methods.Count == 0)
        {
            throw new RemoteRunException("remote: no way to log in: give --key FILE or set remote.password in config/secret.yml");
        }
        return [.. methods];
    }

    private static ConnectionInfo Info(RemoteRunRequest request, AuthenticationMethod[] auth) =>
        new(request.Host, request.Port, request.User, auth) { Timeout = request.ConnectTimeout };

    private async Task ConnectAsync(BaseClient client, RemoteRunRequest request, HostKeyPolicy policy, CancellationToken cancellationToken)
    {
        HostKeyVerdict? verdict = null;
        client.HostKeyReceived += (_, e) =>
        {
            verdict = policy.Judge(e.HostKey);
            e.CanTrust = verdict.Trusted;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (verdict is { Trusted: false })
        {
            throw new RemoteRunException($"remote: {verdict.Message}", e);
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

    private static async Task CreateFolderAsync(SftpClient sftp, string folder, CancellationToken cancellationToken)
    {
        var path = "";
        foreach (var part in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path += "/" + part;
            if (!await sftp.ExistsAsync(path, cancellationToken))
            {
                await sftp.CreateDirectoryAsync(path, cancellationToken);
            }
        }
    }

    private static async Task CopyAsync(SftpClient sftp, LocalFiles local, string folder, CancellationToken cancellationToken)
    {
        await CreateFolderAsync(sftp, folder + "/workflows", cancellationToken);
        foreach (var directory in Directory.EnumerateDirectories(local.WorkflowFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await sftp.CreateDirectoryAsync(folder + "/workflows/" + Relative(local.WorkflowFolder, directory), cancellationToken);
        }
        foreach (var file in Directory.EnumerateFiles(local.WorkflowFolder, "*", SearchOption.AllDirectories))
        {
            await UploadAsync(sftp, file, folder + "/workflows/" + Relative(local.WorkflowFolder, file), secret: false, cancellationToken);
        }
        await sftp.CreateDirectoryAsync(folder + "/config", cancellationToken);
        foreach (var upload in local.Configs.Concat(local.ExtraConfigs))
        {
            await UploadAsync(sftp, upload.Local, folder + "/" + upload.Remote, secret: upload.Remote.EndsWith("/secret.yml", StringComparison.Ordinal), cancellationToken);
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private const string SecretParametersFile = "config/secret-parameters.yml";

    /// <summary>The secret parameters as YAML sections; each value a JSON string, which YAML reads as it is.</summary>
    private static string SecretParametersYaml(IReadOnlyDictionary<string, string> secrets) =>
        string.Concat(secrets.GroupBy(s => s.Key[..s.Key.IndexOf(':')], StringComparer.Ordinal).Select(section =>
            $"{section.Key}:\n" + string.Concat(section.Select(s => $"  {s.Key[(s.Key.IndexOf(':') + 1)..]}: {System.Text.Json.JsonSerializer.Serialize(s.Value)}\n"))));

    private static async Task UploadAsync(SftpClient sftp, string local, string remote, bool secret, CancellationToken cancellationToken)
    {
        if (secret)
        {
            await UploadPrivateAsync(sftp, await File.ReadAllTextAsync(local, cancellationToken), remote, cancellationToken);
            return;
        }
        await using var stream = File.OpenRead(local);
        await sftp.UploadFileAsync(stream, remote, cancellationToken);
    }

    /// <summary>Writes <paramref name="text"/> to a file only its owner can read, made so before any byte of it is written.</summary>
    private static async Task UploadPrivateAsync(SftpClient sftp, string text, string remote, CancellationToken cancellationToken)
    {
        using (await sftp.OpenAsync(remote, FileMode.CreateNew, FileAccess.Write, cancellationToken))
        {
        }
        // SSH.NET takes the mode as its octal digits written in decimal.
        sftp.ChangePermissions(remote, 600);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await sftp.UploadFileAsync(stream, remote, cancellationToken);
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
