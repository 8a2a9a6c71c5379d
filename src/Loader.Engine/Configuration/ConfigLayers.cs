namespace Loader.Configuration;

/// <summary>Where the layered configuration comes from, lowest first.</summary>
/// <param name="Folder">The folder with <c>default.yml</c> and the user's <c>secret.yml</c>.</param>
/// <param name="Files">Each local <c>--config FILE</c>, in order.</param>
/// <param name="Environment">Environment variables; those starting <c>LOADER_</c> are read, <c>__</c> separating sections.</param>
public sealed record ConfigLayers(string Folder, IReadOnlyList<string> Files, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The prefix of environment variables that set configuration keys.</summary>
    public const string EnvironmentPrefix = "LOADER_";

    /// <summary>The environment variable naming a remote layer (an <c>https://</c> or <c>s3://</c> URL), below every <c>--config</c> URL.</summary>
    public const string UrlVariable = "LOADER_CONFIG_URL";

    /// <summary>The public defaults, committed with the project.</summary>
    public string DefaultFile => Path.Combine(Folder, "default.yml");

    /// <summary>The user's private copy with secrets, never committed.</summary>
    public string SecretFile => Path.Combine(Folder, "secret.yml");

    /// <summary>
    /// The remote layers, lowest first: <see cref="UrlVariable"/>'s URL, then each <c>--config URL</c>. They lie above
    /// <c>default.yml</c> and below <c>secret.yml</c>, the local <see cref="Files"/> and the environment.
    /// </summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>
    /// The layers of this process: <c>config/</c> under <paramref name="folder"/>, each of <paramref name="configs"/>
    /// (a local file, or a URL that is a remote layer), <see cref="UrlVariable"/> and the environment.
    /// </summary>
    public static ConfigLayers ForProcess(string folder, IReadOnlyList<string> configs)
    {
        var environment = System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        return Of(folder, configs, environment);
    }

    /// <summary>The layers for <paramref name="configs"/> (local files and URLs, in order) and <paramref name="environment"/>.</summary>
    public static ConfigLayers Of(string folder, IReadOnlyList<string> configs, IReadOnlyDictionary<string, string?> environment)
    {
        var named = environment.GetValueOrDefault(UrlVariable) is { Length: > 0 } url ? [url] : Array.Empty<string>();
        return new ConfigLayers(folder, [.. configs.Where(FileSources.IsLocal).Select(AsPath)], environment)
        {
            Urls = [.. named.Concat(configs.Where(c => !FileSources.IsLocal(c)))],
        };
    }

    // A file:// URL names a local file; a path stays as given, so messages show it as the user wrote it.
    private static string AsPath(string location) =>
        location.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? FileSources.LocalPath(location) : location;
}
