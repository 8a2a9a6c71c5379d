using System.Text.Json;

namespace Loader.Configuration;

/// <summary>A database login in the edX credentials-file form: <c>{"host", "port", "username", "password"}</c>.</summary>
public sealed record Credentials(string Host, int Port, string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username}@{Host}:{Port}";

    /// <summary>Reads a credentials file from its JSON text; <paramref name="source"/> names it in errors.</summary>
    public static Credentials Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"credentials file {source} must hold a JSON object with host, port, username and password");
            }
            string Field(string name) => root.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.String => value.GetString() ?? "",
                    _ => throw new ConfigurationException($"credentials file {source}: \"{name}\" must be a text or a number"),
                }
                : throw new ConfigurationException($"credentials file {source} lacks \"{name}\": it needs host, port, username and password");
            var portText = root.TryGetProperty("port", out _) ? Field("port") : "3306";
            if (!int.TryParse(portText, out var port))
            {
                throw new ConfigurationException($"credentials file {source}: port '{portText}' is not a number");
            }
            return new Credentials(Field("host"), port, Field("username"), Field("password"));
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"credentials file {source} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }
}
