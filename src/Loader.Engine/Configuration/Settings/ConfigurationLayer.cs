using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Loader.Configuration.Settings;

/// <summary>Names the layer a configuration value came from, for messages: a file, or a <c>LOADER_</c> environment variable.</summary>
public static class ConfigurationLayer
{
    /// <summary>The layer that gave <paramref name="key"/> (sections separated by <c>:</c>), or "configuration" when it cannot be told.</summary>
    public static string Of(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return "configuration";
        }
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
            {
                continue;
            }
            return provider switch
            {
                FileConfigurationProvider file => Shown(file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path ?? "a configuration file"),
                MemoryConfigurationProvider => $"environment variable {ConfigLayers.EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}",
                _ => provider.ToString() ?? "configuration",
            };
        }
        return "configuration";
    }

    // Relative to the current folder when inside it, as people gave it.
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
