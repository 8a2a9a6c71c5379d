using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loader.Configuration;
using Renci.SshNet;

namespace Loader.Remote;

/// <summary>
/// A workspace's set-up, what a remote run takes along to the host: the workflow folder, <c>config/default.yml</c>,
/// each <c>--config</c> file, <c>config/secret.yml</c> only when asked, and the host's <c>state:</c> section. Its
/// <see cref="Hash"/> covers every path and byte, so an unchanged set-up is recognised without copying it again.
/// </summary>
internal sealed class SetupFiles
{
    /// <summary>The file in a set-up listing its <c>--config</c> layers, one path (relative to the set-up) a line.</summary>
    public const string LayersFile = "layers";

    private const string HostStateFile = "config/host-state.yml";

    private readonly IReadOnlyList<Upload> _uploads;

    private SetupFiles(IReadOnlyList<Upload> uploads, IReadOnlyList<string> layers)
    {
        _uploads = uploads;
        Layers = layers;
        Hash = HashOf(uploads);
    }

    /// <summary>One file of the set-up: where it goes (relative to the set-up), its bytes, and whether only its owner may read it.</summary>
    private sealed record Upload(string Remote, byte[] Content, bool Private);

    /// <summary>The <c>--config</c> files the host's runs are given, relative to the set-up, in layer order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>The set-up's content hash (16 hex digits of SHA-256): the name of its folder on the host.</summary>
    public string Hash { get; }

    /// <summary>How many files are copied.</summary>
    public int Count => _uploads.Count;

    /// <summary>Reads the files <paramref name="request"/> takes; a <see cref="RemoteRunException"/> naming one that is missing.</summary>
    public static SetupFiles Collect(RemoteRunRequest request)
    {
        var workflows = Path.GetFullPath(request.WorkflowFolder, request.LocalRoot);
        if (!Directory.Exists(workflows))
        {
            throw new RemoteRunException($"remote: the workflow folder {workflows} does not exist");
        }
        var uploads = Directory.EnumerateFiles(workflows, "*", SearchOption.AllDirectories)
            .Select(file => new Upload("workflows/" + Path.GetRelativePath(workflows, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(file), false))
            .ToList();
        var configFolder = Path.GetFullPath(request.ConfigFolder, request.LocalRoot);
        var defaults = Path.Combine(configFolder, "default.yml");
        if (File.Exists(defaults))
        {
            uploads.Add(new Upload("config/default.yml", File.ReadAllBytes(defaults), false));
        }
        if (request.WithSecrets)
        {
            var secret = Path.Combine(configFolder, "secret.yml");
            if (!File.Exists(secret))
            {
                throw new RemoteRunException($"remote: --with-secrets was given but {secret} does not exist");
            }
            uploads.Add(new Upload("config/secret.yml", File.ReadAllBytes(secret), true));
        }
        var layers = new List<string>();
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
            var remote = $"config/extra-{i + 1}-{Path.GetFileName(path)}";
            uploads.Add(new Upload(remote, File.ReadAllBytes(path), false));
            layers.Add(remote);
        }
        if (request.HostState.Count > 0)
        {
            uploads.Add(new Upload(HostStateFile, Encoding.UTF8.GetBytes(HostStateYaml(request.HostState)), false));
            layers.Add(HostStateFile);
        }
        uploads.Add(new Upload(LayersFile, Encoding.UTF8.GetBytes(string.Concat(layers.Select(l => l + "\n"))), false));
        return new SetupFiles(uploads, layers);
    }

    /// <summary>Copies every file into <paramref name="folder"/> on the host, which must not exist yet.</summary>
    public async Task CopyAsync(SftpClient sftp, string folder, CancellationToken cancellationToken)
    {
        var made = new HashSet<string>(StringComparer.Ordinal);
        await sftp.CreateDirectoryAsync(folder, cancellationToken);
        foreach (var upload in _uploads)
        {
            var parent = "";
            foreach (var part in upload.Remote.Split('/')[..^1])
            {
                parent += "/" + part;
                if (made.Add(parent))
                {
                    await sftp.CreateDirectoryAsync(folder + parent, cancellationToken);
                }
            }
            await UploadAsync(sftp, upload.Content, folder + "/" + upload.Remote, upload.Private, cancellationToken);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="remote"/>; a private file is made readable by its owner
    /// only before any byte of it is written.
    /// </summary>
    public static async Task UploadAsync(SftpClient sftp, byte[] content, string remote, bool isPrivate, CancellationToken cancellationToken)
    {
        if (isPrivate)
        {
            using (await sftp.OpenAsync(remote, FileMode.CreateNew, FileAccess.Write, cancellationToken))
            {
            }
            // SSH.NET takes the mode as its octal digits written in decimal.
            sftp.ChangePermissions(remote, 600);
        }
        using var stream = new MemoryStream(content);
        await sftp.UploadFileAsync(stream, remote, cancellationToken);
    }

    /// <summary>Configuration keys (<c>Section:key</c>, nested ones joined by <c>:</c>) as YAML; each value a JSON string, which YAML reads as it is.</summary>
    public static string Yaml(IEnumerable<KeyValuePair<string, string>> keys)
    {
        var text = new StringBuilder();
        string[] open = [];
        foreach (var (key, value) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var path = key.Split(':');
            var shared = 0;
            while (shared < open.Length && shared < path.Length - 1 && open[shared] == path[shared])
            {
                shared++;
            }
            for (var depth = shared; depth < path.Length - 1; depth++)
            {
                text.Append(' ', depth * 2).Append(path[depth]).Append(":\n");
            }
            text.Append(' ', (path.Length - 1) * 2).Append(path[^1]).Append(": ").Append(JsonSerializer.Serialize(value)).Append('\n');
            open = path[..^1];
        }
        return text.ToString();
    }

    private static string HostStateYaml(IReadOnlyDictionary<string, string> state) =>
        "# The host's state store, from remote.state where the run was started.\n"
        + Yaml(state.Select(s => KeyValuePair.Create("state:" + s.Key, s.Value)));

    private static string HashOf(IReadOnlyList<Upload> uploads)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var upload in uploads.OrderBy(u => u.Remote, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(upload.Remote));
            hash.AppendData([0, upload.Private ? (byte)1 : (byte)0]);
            hash.AppendData(BitConverter.GetBytes((long)upload.Content.Length));
            hash.AppendData(upload.Content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
