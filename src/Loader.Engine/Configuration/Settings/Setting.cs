using Microsoft.Extensions.Configuration;

namespace Loader.Configuration.Settings;

/// <summary>
/// One configuration key with its type and allowed values. Reading it checks the value, so a wrong one is a
/// <see cref="ConfigurationException"/> naming the key, the layer it came from, the value and what is allowed.
/// </summary>
public abstract class Setting
{
    /// <summary>A setting at <paramref name="key"/> (sections separated by <c>:</c>), allowing what <paramref name="allowed"/> says.</summary>
    protected Setting(string key, string allowed)
    {
        Key = key;
        Allowed = allowed;
    }

    /// <summary>The key, sections separated by <c>:</c>, as <see cref="IConfiguration"/> takes it.</summary>
    public string Key { get; }

    /// <summary>The key as people write it: <c>state.lease_ttl</c>.</summary>
    public string Name => Key.Replace(':', '.');

    /// <summary>What values are allowed, such as "a whole number from 1 to 1,024".</summary>
    public string Allowed { get; }

    /// <summary>Throws <see cref="ConfigurationException"/> when the configured value, if any, is not allowed.</summary>
    public abstract void Check(IConfiguration configuration);

    /// <summary>The configured text, trimmed, or null when the key is absent or empty.</summary>
    protected string? TextIn(IConfiguration configuration) =>
        configuration[Key] is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>The error for <paramref name="text"/>, given as <paramref name="name"/> in <paramref name="where"/>, which is not allowed.</summary>
    protected ConfigurationException Refused(string where, string name, string text, string? why) =>
        new($"{where}: {name} is '{text}'{(why is null ? "" : $" ({why})")}; it must be {Allowed}");
}
