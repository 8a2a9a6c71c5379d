namespace Loader.Configuration;

/// <summary>Where the layered configuration comes from, lowest first.</summary>
/// <param name="Folder">The folder with <c>default.yml</c> and the user's <c>secret.yml</c>.</param>
/// <param name="Files">Each <c>--config FILE</c>, in order.</param>
/// <param name="Environment">Environment variables; those starting <c>LOADER_</c> are read, <c>__</c> separating sections.</param>
public sealed record ConfigLayers(string Folder, IReadOnlyList<string> Files, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The prefix of environment variables that set configuration keys.</summary>
    public const string EnvironmentPrefix = "LOADER_";

    /// <summary>The public defaults, committed with the project.</summary>
    public string DefaultFile => Path.Combine(Folder, "default.yml");

    /// <summary>The user's private copy with secrets, never committed.</summary>
    public string SecretFile => Path.Combine(Folder, "secret.yml");

    /// <summary>The layers of this process: <c>config/</c> under the current folder and its environment.</summary>
    public static ConfigLayers ForProcess(string folder, IReadOnlyList<string> files) =>
        new(folder, files, System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value));
}
