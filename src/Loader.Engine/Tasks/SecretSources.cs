using Loader.Configuration;
using Loader.Expressions;

namespace Loader.Tasks;

/// <summary>
/// Where secrets come from when values are bound, so that secrecy follows the value: text rendered from a secret
/// configuration value or from a secret parameter is itself secret, and so is anything rendered from that in turn.
/// </summary>
/// <param name="configuration">Knows which configuration values are secret.</param>
/// <param name="secretParameterKeys">The configuration keys that set a <c>secret: true</c> parameter.</param>
internal sealed class SecretSources(LoaderConfiguration configuration, IReadOnlySet<string> secretParameterKeys)
{
    /// <summary>Whether the configuration value at <paramref name="key"/> is secret.</summary>
    public bool IsSecretKey(string key) => configuration.IsSecret(key) || secretParameterKeys.Contains(key);

    /// <summary>Whether <paramref name="template"/> reads a secret configuration value or one of <paramref name="secretParameters"/>.</summary>
    public bool Reads(Template template, IReadOnlySet<string> secretParameters) =>
        template.Expressions.Any(e => e.Root == "config"
            ? IsSecretKey(string.Join(':', e.Path.Skip(1)))
            : e.Names.Any(secretParameters.Contains));
}
