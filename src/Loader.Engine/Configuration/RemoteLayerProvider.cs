using Microsoft.Extensions.Configuration;

namespace Loader.Configuration;

/// <summary>The keys of one <see cref="RemoteLayer"/>, named by its masked URL in messages that say where a value came from.</summary>
internal sealed class RemoteLayerProvider : ConfigurationProvider, IConfigurationSource
{
    private readonly string _shown;

    private RemoteLayerProvider(string shown, IDictionary<string, string?> data)
    {
        _shown = shown;
        Data = data;
    }

    /// <summary>Checks the layer's YAML as a local file's is checked, then reads its keys.</summary>
    /// <exception cref="ConfigurationException">The text is malformed, over the YAML limits, or not one mapping.</exception>
    public static RemoteLayerProvider Read(RemoteLayer layer)
    {
        LoaderConfiguration.CheckYamlText(layer.Text, layer.Shown);
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(layer.Text));
        var parsed = new ConfigurationBuilder().AddYamlStream(text).Build();
        var data = parsed.AsEnumerable().Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        return new RemoteLayerProvider(layer.Shown, data);
    }

    /// <summary>The keys whose names say they hold a secret, as people write them (<c>art.password</c>).</summary>
    public IReadOnlyList<string> SecretKeys() =>
        [.. Data.Keys.Where(LoaderConfiguration.IsSecretKey).Select(key => key.Replace(':', '.')).Order(StringComparer.OrdinalIgnoreCase)];

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <inheritdoc />
    public override string ToString() => _shown;
}
