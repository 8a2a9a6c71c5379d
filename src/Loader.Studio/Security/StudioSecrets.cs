using System.Text.Encodings.Web;
using System.Text.Json;
using Loader.Configuration;
using Loader.Steps;

namespace Loader.Studio.Security;

/// <summary>
/// Every secret the Studio knows: those of each configuration <paramref name="configuration"/> has given (keys named
/// password, token...; a re-read configuration's new ones are learned before the next text is masked, and old ones stay
/// masked) and the values of <c>secret: true</c> parameters it has bound, in their plain and JSON-escaped forms.
/// </summary>
internal sealed class StudioSecrets(Func<LoaderConfiguration> configuration)
{
    private readonly SecretMasker _masker = new();
    private LoaderConfiguration? _learned;

    /// <summary>The JSON options every response uses; relaxed escaping keeps a secret's text as it is, so masking finds it.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Adds a value to mask, in its plain and its JSON-escaped forms.</summary>
    public void Add(string? secret)
    {
        if (secret is null)
        {
            return;
        }
        _masker.Add(secret);
        _masker.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
        _masker.Add(JsonEncodedText.Encode(secret).ToString());
    }

    /// <summary>The text with every known secret replaced by <c>***</c>.</summary>
    public string Mask(string text)
    {
        Learn();
        return _masker.Mask(text);
    }

    private void Learn()
    {
        var current = configuration();
        if (ReferenceEquals(current, Volatile.Read(ref _learned)))
        {
            return;
        }
        foreach (var key in current.Keys.Where(current.IsSecret))
        {
            Add(current[key]);
        }
        Volatile.Write(ref _learned, current);
    }
}
