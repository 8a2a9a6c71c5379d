using System.Text;
using System.Text.Json;
using Loader.Configuration;
using Renci.SshNet;

namespace Loader.Remote;

/// <summary>
/// What a remote run takes along to its folder on the host: the workflow folder, <c>config/default.yml</c>, each
/// <c>--config</c> file, <c>config/secret.yml</c> only when asked, and the secret parameters in a private file.
/// </summary>
internal sealed class RunFiles
{
    private const string SecretParametersFile = "config/secret-parameters.yml";

    private readonly string _workflows;
    private readonly IReadOnlyList<Upload> _configs;
    private readonly IReadOnlyList<Upload> _extras;
    private readonly IReadOnlyDictionary<string, string> _secretParameters;

    private RunFiles(string workflows, IReadOnlyList<Upload> configs, IReadOnlyList<Upload> extras, IReadOnlyDictionary<string, string> secretParameters)
    {
        _workflows = workflows;
        _configs = configs;
        _extras = extras;
        _secretParameters = secretParameters;
    }

    private sealed record Upload(string Local, string Remote);

    /// <summary>The <c>--config</c> files the remote run is given, relative to its folder, in layer order.</summary>
    public IEnumerable<string> ConfigArguments =>
        _extras.Select(e => e.Remote).Concat(_secretParameters.Count > 0 ? [SecretParametersFile] : []);

    /// <summary>Finds the files <paramref name="request"/> takes; a <see cref="RemoteRunException"/> naming one that is missing.</summary>
    public static RunFiles Collect(RemoteRunRequest request)
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
            if (!FileSources.IsLocal(request.ConfigFiles[i]))
            {
                throw new RemoteRunException(
                    $"remote: --config {RemoteLayer.Mask(request.ConfigFiles[i])} is a remote layer, which is not sent to the host: give a local file, or have the host fetch it itself (LOADER_CONFIG_URL in its environment)");
            }
            var path = Path.GetFullPath(request.ConfigFiles[i], request.LocalRoot);
            if (!File.Exists(path))
            {
                throw new RemoteRunException($"remote: the configuration file {path} does not exist");
            }
            extras.Add(new Upload(path, $"config/extra-{i + 1}-{Path.GetFileName(path)}"));
        }
        return new RunFiles(workflows, configs, extras, request.SecretParameters);
    }

    /// <summary>Makes <paramref name="folder"/> on the host and copies everything there.</summary>
    public async Task CopyAsync(SftpClient sftp, string folder, CancellationToken cancellationToken)
    {
        await CreateFolderAsync(sftp, folder + "/workflows", cancellationToken);
        foreach (var directory in Directory.EnumerateDirectories(_workflows, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await sftp.CreateDirectoryAsync(folder + "/workflows/" + Relative(directory), cancellationToken);
        }
        foreach (var file in Directory.EnumerateFiles(_workflows, "*", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(file);
            await sftp.UploadFileAsync(stream, folder + "/workflows/" + Relative(file), cancellationToken);
        }
        await sftp.CreateDirectoryAsync(folder + "/config", cancellationToken);
        foreach (var upload in _configs.Concat(_extras))
        {
            var text = await File.ReadAllTextAsync(upload.Local, cancellationToken);
            if (upload.Remote.EndsWith("/secret.yml", StringComparison.Ordinal))
            {
                await UploadPrivateAsync(sftp, text, folder + "/" + upload.Remote, cancellationToken);
            }
            else
            {
                await UploadAsync(sftp, text, folder + "/" + upload.Remote, cancellationToken);
            }
        }
        if (_secretParameters.Count > 0)
        {
            await UploadPrivateAsync(sftp, SecretParametersYaml(), folder + "/" + SecretParametersFile, cancellationToken);
        }
    }

    /// <summary>The secret parameters as YAML sections; each value a JSON string, which YAML reads as it is.</summary>
    private string SecretParametersYaml() =>
        string.Concat(_secretParameters.GroupBy(s => s.Key[..s.Key.IndexOf(':')], StringComparer.Ordinal).Select(section =>
            $"{section.Key}:\n" + string.Concat(section.Select(s => $"  {s.Key[(s.Key.IndexOf(':') + 1)..]}: {JsonSerializer.Serialize(s.Value)}\n"))));

    private string Relative(string path) => Path.GetRelativePath(_workflows, path).Replace(Path.DirectorySeparatorChar, '/');

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

    private static async Task UploadAsync(SftpClient sftp, string text, string remote, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
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
        await UploadAsync(sftp, text, remote, cancellationToken);
    }
}
