using System.Text;
using System.Text.Json;

namespace Loader.Students.Json;

/// <summary>
/// Maps the file's GradeLevelWhenAssessed to ART's grade; a grade the map lacks becomes <c>UG</c> and is tallied.
/// Lookups allocate nothing for known grades.
/// </summary>
internal sealed class GradeMap
{
    /// <summary>The grade an unknown value becomes.</summary>
    public const string Ungraded = "UG";

    /// <summary>The reference's map: US, UE to UG, KN to KG, and the grades ART knows to themselves.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = BuildDefaults();

    private static readonly JsonEncodedText UngradedText = JsonEncodedText.Encode(Ungraded);

    private readonly Dictionary<string, JsonEncodedText> _map;
    private readonly Dictionary<string, JsonEncodedText>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The defaults with <paramref name="overrides"/> (from configuration, then the task's input) applied on top.</summary>
    public GradeMap(params IEnumerable<IReadOnlyDictionary<string, string>> overrides)
    {
        var merged = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var layer in overrides)
        {
            foreach (var (from, to) in layer)
            {
                merged[from.Trim()] = to.Trim();
            }
        }
        _map = merged.ToDictionary(e => e.Key, e => JsonEncodedText.Encode(e.Value), StringComparer.Ordinal);
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The grade to send for the trimmed UTF-8 value <paramref name="grade"/>; false when the map lacks it.</summary>
    public bool TryMap(ReadOnlySpan<byte> grade, out JsonEncodedText mapped)
    {
        Span<char> chars = stackalloc char[16];
        if (grade.Length <= chars.Length
            && Encoding.UTF8.TryGetChars(grade, chars, out var written)
            && _lookup.TryGetValue(chars[..written], out mapped))
        {
            return true;
        }
        mapped = UngradedText;
        return false;
    }

    private static Dictionary<string, string> BuildDefaults()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["US"] = "UG", ["UE"] = "UG", ["KN"] = "KG" };
        foreach (var grade in new[] { "IT", "PR", "PK", "TK", "KG", "PS", "UG" })
        {
            map[grade] = grade;
        }
        for (var n = 1; n <= 13; n++)
        {
            var grade = n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            map[grade] = grade;
        }
        return map;
    }
}
