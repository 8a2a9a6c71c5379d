using System.Text.Json;

namespace Loader.Students.Art;

/// <summary>Reads what ART said in an error answer, short enough for one message line.</summary>
internal static class ArtMessages
{
    private const int MaxLength = 500;

    /// <summary>The answer's message: a JSON "message", "error_description" or "error" when there is one, else its text.</summary>
    public static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        }
        catch (HttpRequestException e)
        {
            return $"(the answer could not be read: {e.Message})";
        }
        if (text.Length == 0)
        {
            return $"{response.ReasonPhrase} (empty answer)";
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var name in new[] { "message", "error_description", "error", "errors" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value))
                {
                    text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    break;
                }
            }
        }
        catch (JsonException)
        {
        }
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }
}
