using System.Text.Json;

namespace Loader.Students.Art;

/// <summary>
/// What a batch-status URL reports, read leniently: a <c>status</c> (or <c>state</c>) word, a count of rejected rows
/// (<c>rejected</c>, <c>failed</c>, <c>errorCount</c>...) and the first error messages of an <c>errors</c> array.
/// </summary>
internal sealed record BatchStatus(string Status, bool Finished, long Rejected, IReadOnlyList<string> Errors)
{
    private static readonly string[] Unfinished = ["PENDING", "QUEUED", "RECEIVED", "ACCEPTED", "PROCESSING", "IN_PROGRESS", "INPROGRESS", "RUNNING", "STARTED"];
    private static readonly string[] CountNames = ["rejected", "rejectedCount", "failed", "failedCount", "errorCount", "invalid", "invalidCount"];

    /// <summary>Reads a status document; text that is not a JSON object counts as finished with nothing rejected.</summary>
    public static BatchStatus Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new BatchStatus("unknown", true, 0, []);
            }
            var status = (Find(root, "status") ?? Find(root, "state"))?.ToString() ?? "unknown";
            var errors = Find(root, "errors") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(Message).ToList()
                : [];
            var rejected = CountNames.Select(n => Find(root, n)).FirstOrDefault(v => v?.ValueKind == JsonValueKind.Number)?.GetInt64() ?? errors.Count;
            var finished = !Unfinished.Contains(status.Replace(' ', '_').ToUpperInvariant());
            return new BatchStatus(status, finished, rejected, errors.Take(5).ToList());
        }
        catch (JsonException)
        {
            return new BatchStatus("unknown", true, 0, []);
        }
    }

    private static JsonElement? Find(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    private static string Message(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString()!,
        JsonValueKind.Object when Find(error, "message") is { ValueKind: JsonValueKind.String } message => message.GetString()!,
        _ => error.GetRawText(),
    };
}
