using System.Text.Json;

namespace Loader.Cli.Output;

/// <summary>How the command line writes JSON: indented, camelCase, enums as snake_case words.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static void Print(object document) => Console.Out.WriteLine(JsonSerializer.Serialize(document, Options));

    /// <summary>Prints <paramref name="document"/> with every secret <paramref name="secrets"/> knows masked.</summary>
    public static void Print(object document, Loader.Steps.SecretMasker secrets) =>
        Console.Out.WriteLine(secrets.Mask(JsonSerializer.Serialize(document, Unescaped)));

    // Text as it is (a '+' stays '+', not \u002B), so that masking the serialized document finds every secret in it.
    private static JsonSerializerOptions Unescaped { get; } = new(Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
