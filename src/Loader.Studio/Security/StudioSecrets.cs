using System.Text.Encodings.Web;
using System.Text.Json;
using Loader.Configuration;
using Loader.Steps;

namespace Loader.Studio.Security;

/// <summary>
/// Every secret the Studio knows: the configuration's (keys named password, token...) and the values of <c>secret: true</c>
/// parameters it has bound, in their plain and JSON-escaped forms.
/// </summary>
internal sealed class StudioSecrets
{
    private readonly SecretMasker _masker = new();

    public StudioSecrets(LoaderConfiguration configuration)
    {
        foreach (var key in configuration.Keys.Where(configuration.IsSecret))
        {
            Add(configuration[key]);
        }
    }

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
    public string Mask(string text) => _masker.Mask(text);
}
