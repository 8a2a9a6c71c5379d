using Loader.Configuration;

namespace Loader.Notifications.Tests.Support;

/// <summary>A configuration folder on disk, default.yml and a private secret.yml, loaded the way <c>loader</c> loads it.</summary>
internal sealed class ConfigFolder : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loader-notify-config-").FullName;

    /// <summary>Writes the two files and loads them (no <c>LOADER_</c> variables).</summary>
    public LoaderConfiguration Load(string defaults, string secrets = "")
    {
        File.WriteAllText(Path.Combine(_folder, "default.yml"), defaults);
        var secretFile = Path.Combine(_folder, "secret.yml");
        File.WriteAllText(secretFile, secrets);
        File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return LoaderConfiguration.Load(new ConfigLayers(_folder, [], new Dictionary<string, string?>()));
    }

    /// <summary>The path of default.yml, as messages name it.</summary>
    public string DefaultFile => Path.Combine(_folder, "default.yml");

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
