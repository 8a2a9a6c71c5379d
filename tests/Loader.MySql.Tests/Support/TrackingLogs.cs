using System.Globalization;
using System.Text.Json;

namespace Loader.MySql.Tests.Support;

/// <summary>What generated tracking logs imply, computed here from the JSON lines, independently of the example's scripts.</summary>
internal static class TrackingLogs
{
    /// <summary>
    /// The enrollment changes per day and course over <paramref name="days"/>, as <c>date \t course \t activations \t
    /// deactivations</c> lines in ordinal order: events of the day's own date with a course in their context.
    /// </summary>
    public static List<string> EnrollmentCounts(string folder, IEnumerable<string> days)
    {
        var rows = new List<string>();
        foreach (var day in days)
        {
            var counts = new SortedDictionary<string, (int On, int Off)>(StringComparer.Ordinal);
            foreach (var root in Events(Path.Combine(folder, $"tracking.log-{day.Replace("-", "", StringComparison.Ordinal)}")))
            {
                var type = root.GetProperty("event_type").GetString();
                if (type is not ("edx.course.enrollment.activated" or "edx.course.enrollment.deactivated")
                    || root.GetProperty("time").GetString() is not { } time || !time.StartsWith(day, StringComparison.Ordinal)
                    || !root.TryGetProperty("context", out var context) || !context.TryGetProperty("course_id", out var courseElement)
                    || courseElement.GetString() is not { Length: > 0 } course)
                {
                    continue;
                }
                var (on, off) = counts.GetValueOrDefault(course);
                counts[course] = type == "edx.course.enrollment.activated" ? (on + 1, off) : (on, off + 1);
            }
            rows.AddRange(counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{day}\t{c.Key}\t{c.Value.On}\t{c.Value.Off}")));
        }
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<JsonElement> Events(string file)
    {
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}
