using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Loader.Tasks;

/// <summary>
/// A task instance's identity: its family and its significant parameters, sorted by name.
/// <see cref="Text"/> reads <c>Family(name=value, ...)</c>; <see cref="Key"/> is <c>Family_hash</c>,
/// where hash is the first 12 hex digits of the SHA-256 of the canonical JSON <c>["Family",{"name":"value",...}]</c>.
/// </summary>
public sealed class TaskId : IEquatable<TaskId>
{
    private TaskId(string family, IReadOnlyList<KeyValuePair<string, string>> parameters, string text, string key)
    {
        Family = family;
        Parameters = parameters;
        Text = text;
        Key = key;
    }

    /// <summary>The task's family (its name in the workflow file).</summary>
    public string Family { get; }

    /// <summary>The significant parameters, sorted by name, as canonical text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The readable form, <c>Family(name=value, ...)</c>.</summary>
    public string Text { get; }

    /// <summary>The short stable form used in the state store and in file names.</summary>
    public string Key { get; }

    /// <summary>The identity of <paramref name="family"/> with <paramref name="parameters"/>.</summary>
    public static TaskId Create(string family, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var text = new StringBuilder(family).Append('(');
        for (var i = 0; i < sorted.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(sorted[i].Key).Append('=').Append(sorted[i].Value);
        }
        text.Append(')');

        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(family);
            writer.WriteStartObject();
            foreach (var (name, value) in sorted)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(json.WrittenSpan, hash);
        var key = family + "_" + Convert.ToHexStringLower(hash[..6]);
        return new TaskId(family, sorted, text.ToString(), key);
    }

    /// <inheritdoc />
    public bool Equals(TaskId? other) => other is not null && Key == other.Key && Text == other.Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TaskId);

    /// <inheritdoc />
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Text;
}
