using Loader.Steps;
using Loader.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Microsoft.Extensions.Configuration;

namespace Loader.Configuration;

/// <summary>
/// The layered configuration: <c>config/default.yml</c> &lt; remote layers (<c>LOADER_CONFIG_URL</c>, each
/// <c>--config URL</c>) &lt; <c>config/secret.yml</c> &lt; each local <c>--config</c> file &lt; <c>LOADER_</c>
/// environment variables. Knows which layer gave each value, and which values are secret.
/// </summary>
public sealed class LoaderConfiguration
{
    // A webhook's URL is its credential (Slack's carries its token in the path).
    private static readonly string[] SecretWords = ["password", "secret", "token", "passphrase", "private_key", "credential", "webhook"];

    // A key naming a file holds a path, which the user must see to know which file is missing: paths are not secrets.
    private static readonly string[] FileKeyEndings = ["_file", "_path", "_dir", "_folder", "known_hosts"];

    private readonly List<(IConfigurationProvider Provider, string Source)> _layers;

    private readonly SecretMasker _secretValues;

    private LoaderConfiguration(
        IConfigurationRoot root, List<(IConfigurationProvider, string)> layers, List<string> warnings, SecretMasker masker, SecretMasker secretValues, string secretFile)
    {
        Root = root;
        SecretFile = secretFile;
        _layers = layers;
        Warnings = warnings;
        Secrets = masker;
        _secretValues = secretValues;
    }

    /// <summary>The merged configuration.</summary>
    public IConfigurationRoot Root { get; }

    /// <summary>Things the user should know (a remote layer holding secrets...).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The user's private layer, <c>secret.yml</c>. A missing one is no problem until something needs a secret it would
    /// hold: then <see cref="WhereSecretGoes"/> says where to put it.
    /// </summary>
    public string SecretFile { get; }

    /// <summary>Masks every secret value the configuration holds, and whatever secrets a run adds to it.</summary>
    public SecretMasker Secrets { get; }

    /// <summary>
    /// Reads every local layer, with <paramref name="remote"/> (fetched by <see cref="RemoteLayerFetcher"/>) in their
    /// place; throws <see cref="ConfigurationException"/> for an unreadable file or a secret.yml others can read.
    /// </summary>
    public static LoaderConfiguration Load(ConfigLayers layers, IReadOnlyList<RemoteLayer>? remote = null)
    {
        var warnings = new List<string>();
        var builder = new ConfigurationBuilder();
        var sources = new List<string>();
        AddYaml(builder, sources, layers.DefaultFile, optional: true);
        foreach (var layer in remote ?? [])
        {
            var provider = RemoteLayerProvider.Read(layer);
            builder.Add(provider);
            sources.Add(layer.Shown);
            if (provider.SecretKeys() is { Count: > 0 } secretKeys)
            {
                warnings.Add(
                    $"{layer.Shown} holds secret-named keys ({string.Join(", ", secretKeys)}): whoever can read or change that URL has them. Keep secrets in {layers.SecretFile} or the environment.");
            }
        }
        if (File.Exists(layers.SecretFile))
        {
            CheckPrivate(layers.SecretFile);
            AddYaml(builder, sources, layers.SecretFile, optional: false);
        }
        foreach (var file in layers.Files)
        {
            if (Directory.Exists(file))
            {
                throw new ConfigurationException($"configuration file {file} is a folder (given with --config): give a YAML file");
            }
            if (!File.Exists(file))
            {
                throw new ConfigurationException($"configuration file {file} not found (given with --config)");
            }
            AddYaml(builder, sources, file, optional: false);
        }
        var environment = layers.Environment
            .Where(e => e.Key.StartsWith(ConfigLayers.EnvironmentPrefix, StringComparison.Ordinal) && e.Key != ConfigLayers.UrlVariable && e.Value is not null)
            .ToDictionary(e => e.Key[ConfigLayers.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e => e.Value);
        builder.AddInMemoryCollection(environment);
        sources.Add("environment (LOADER_)");

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            throw new ConfigurationException($"cannot read configuration: {e.Message}", e);
        }
        var layersWithSources = root.Providers.Zip(sources).Select(p => (p.First, p.Second)).ToList();
        var masker = new SecretMasker();
        var secretValues = new SecretMasker();
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (value is not null && IsSecretKey(key))
            {
                masker.Add(value);
                secretValues.Add(value);
            }
        }
        foreach (var layer in remote ?? [])
        {
            masker.Add(layer.Password);
        }
        return new LoaderConfiguration(root, layersWithSources, warnings, masker, secretValues, layers.SecretFile);
    }

    /// <summary>
    /// Whether a key's name says it holds a secret (password, token, passphrase...). A key naming a file
    /// (<c>key_file</c>, <c>known_hosts</c>, a connection's <c>credentials</c> file) holds a path, never a secret.
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        var namesFile = name.Equals("credentials", StringComparison.OrdinalIgnoreCase)
            || FileKeyEndings.Any(ending => name.EndsWith(ending, StringComparison.OrdinalIgnoreCase));
        return !namesFile && SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the value at <paramref name="key"/> is secret: its key says so (<see cref="IsSecretKey"/>), or it
    /// holds the value of a key that does (a URL with a password in it). Secrets that runs add later do not count,
    /// so the answer is the same for every request.
    /// </summary>
    public bool IsSecret(string key) =>
        IsSecretKey(key) || (Root[key] is { } value && _secretValues.Finds(value));

    /// <summary>
    /// Where the missing secret at <paramref name="key"/> (sections separated by <c>:</c>) goes, for a message about it:
    /// its place in <see cref="SecretFile"/> as YAML, how to create that file private when it does not exist, and the
    /// environment variable that sets it instead.
    /// </summary>
    public string WhereSecretGoes(string key)
    {
        var parts = key.Split(':');
        var yaml = parts[^1] + ": ...";
        foreach (var section in parts[..^1].Reverse())
        {
            yaml = $"{section}: {{{yaml}}}";
        }
        var create = File.Exists(SecretFile) ? "" : $" ({SecretFile} does not exist yet: create it and run chmod 600 {SecretFile})";
        return $"put it in {SecretFile} as '{yaml}'{create}, or set {ConfigLayers.EnvironmentPrefix}{string.Join("__", parts)}";
    }

    /// <summary>The value at <paramref name="key"/> (sections separated by <c>:</c>), or null.</summary>
    public string? this[string key] => Root[key];

    /// <summary>Which layer gave the value at <paramref name="key"/>, or null when none did.</summary>
    public string? SourceOf(string key)
    {
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            if (_layers[i].Provider.TryGet(key, out _))
            {
                return _layers[i].Source;
            }
        }
        return null;
    }

    /// <summary>Every key with a value, with <c>:</c> between sections.</summary>
    public IEnumerable<string> Keys => Root.AsEnumerable().Where(e => e.Value is not null).Select(e => e.Key);

    private static void AddYaml(ConfigurationBuilder builder, List<string> sources, string path, bool optional)
    {
        if (optional && !File.Exists(path))
        {
            return;
        }
        CheckYaml(path);
        builder.AddYamlFile(Path.GetFullPath(path), optional, reloadOnChange: false);
        sources.Add(path);
    }

    /// <summary>Refuses a file that is malformed or over the <see cref="YamlLimits"/> with its line, column and reason, before it is loaded.</summary>
    private static void CheckYaml(string path)
    {
        var text = "";
        try
        {
            text = YamlLimits.ReadText(path);
        }
        catch (YamlLimitException e)
        {
            throw new ConfigurationException($"{path}{e.Where}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read {path}: {e.Message}", e);
        }
        CheckYamlText(text, path);
    }

    /// <summary>Refuses YAML <paramref name="text"/> from <paramref name="path"/> (a file or a URL) that is malformed or over the <see cref="YamlLimits"/>.</summary>
    internal static void CheckYamlText(string text, string path)
    {
        try
        {
            YamlLimits.Check(text);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1 || (stream.Documents.Count == 1 && stream.Documents[0].RootNode is not (YamlMappingNode or YamlScalarNode { Value: null or "" })))
            {
                var node = stream.Documents.Count > 1 ? stream.Documents[1].RootNode : stream.Documents[0].RootNode;
                throw new ConfigurationException(
                    $"{path}:{node.Start.Line}:{node.Start.Column}: a configuration file is one mapping of sections and keys, such as 'runner: {{workers: 4}}'");
            }
        }
        catch (YamlLimitException e)
        {
            throw new ConfigurationException($"{path}{e.Where}: {e.Message}", e);
        }
        catch (YamlException e)
        {
            var at = YamlLimits.Where(e, text);
            throw new ConfigurationException($"{path}:{at.Line}:{at.Column}: malformed YAML: {YamlLimits.Reason(e)}", e);
        }
    }

    private static void CheckPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
            using var probe = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read {path}: {e.Message}. Make it readable by you (chmod 600 {path}).", e);
        }
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
        {
            throw new ConfigurationException(
                $"{path} {Exposure(mode)} (mode {Convert.ToString((int)mode, 8)}); it holds secrets, so it is not read. Run: chmod 600 {path}");
        }
    }

    /// <summary>Who can do what to a file that should be private: "can be read by others", "can be changed by group"...</summary>
    private static string Exposure(UnixFileMode mode)
    {
        var group = mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);
        var other = mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        var can = new List<string>();
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            can.Add("read");
        }
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            can.Add("changed");
        }
        if ((mode & (UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
        {
            can.Add("executed");
        }
        var by = group != 0 && other != 0 ? "group and others" : group != 0 ? "its group" : "others";
        return $"can be {string.Join(" and ", can)} by {by}";
    }
}
