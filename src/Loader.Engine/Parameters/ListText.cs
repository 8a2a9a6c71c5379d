using System.Text.Encodings.Web;
using System.Text.Json;

namespace Loader.Parameters;

/// <summary>
/// The two text forms of a list: items separated by commas (<c>a, b</c>), or a JSON array of strings as Luigi's list
/// parameters take it (<c>["hdfs://.../data", "*"]</c>), which can hold commas in its items.
/// </summary>
internal static class ListText
{
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads either form; a text starting with <c>[</c> must be a JSON array of strings, or throws <see cref="FormatException"/>.</summary>
    public static string[] Parse(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        if (!text.StartsWith('['))
        {
            return text.Split(',', StringSplitOptions.TrimEntries);
        }
        try
        {
            return JsonSerializer.Deserialize<string?[]>(text) is { } items && items.All(i => i is not null)
                ? items.OfType<string>().ToArray()
                : throw new FormatException($"'{text}' is not a JSON list of strings: every item must be text in double quotes, as in [\"a\", \"b\"]");
        }
        catch (JsonException)
        {
            throw new FormatException(text.Contains('"', StringComparison.Ordinal)
                ? $"'{text}' is not a JSON list of strings: write it as [\"a\", \"b\"], or as a,b"
                : $"'{text}' is not a JSON list: its items have no double quotes, which a shell removes unless the whole list is in "
                    + $"single quotes ('[\"{text.Trim('[', ']').Split(',')[0].Trim()}\"]'); or give the items separated by commas, without brackets");
        }
    }

    /// <summary>The comma form, unless an item would not read back from it (a comma, an empty item, surrounding spaces, a leading <c>[</c>): then JSON.</summary>
    public static string Format(IEnumerable<string> items)
    {
        var list = items.ToList();
        var plain = list.All(i => i.Length > 0 && !i.Contains(',', StringComparison.Ordinal) && i == i.Trim())
            && !(list.Count > 0 && list[0].StartsWith('['));
        return plain ? string.Join(",", list) : JsonSerializer.Serialize(list, Written);
    }
}
