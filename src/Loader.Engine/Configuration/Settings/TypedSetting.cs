using Microsoft.Extensions.Configuration;

namespace Loader.Configuration.Settings;

/// <summary>A setting whose text is read into a <typeparamref name="T"/>, with the value used when it is not configured.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public abstract class TypedSetting<T> : Setting
{
    /// <summary>A setting at <paramref name="key"/> allowing what <paramref name="allowed"/> says, <paramref name="fallback"/> when not set.</summary>
    protected TypedSetting(string key, string allowed, T fallback)
        : base(key, allowed) => Fallback = fallback;

    /// <summary>The value when the key is absent or empty.</summary>
    public T Fallback { get; }

    /// <summary>The configured value, checked, or <see cref="Fallback"/> when not set.</summary>
    public T Read(IConfiguration configuration) =>
        TextIn(configuration) is { } text ? Parse(text, ConfigurationLayer.Of(configuration, Key), Name) : Fallback;

    /// <summary>
    /// Reads <paramref name="text"/> given as <paramref name="name"/> in <paramref name="where"/> (such as a task's <c>with</c>)
    /// by this setting's rules; a <see cref="ConfigurationException"/> saying what is allowed when it breaks them.
    /// </summary>
    public T Parse(string text, string where, string name) =>
        TryParse(text.Trim(), out var value, out var why) ? value : throw Refused(where, name, text, why);

    /// <inheritdoc />
    public override void Check(IConfiguration configuration) => Read(configuration);

    /// <summary>Reads <paramref name="text"/>; false with <paramref name="why"/> (or null) when it is not allowed.</summary>
    protected abstract bool TryParse(string text, out T value, out string? why);
}
