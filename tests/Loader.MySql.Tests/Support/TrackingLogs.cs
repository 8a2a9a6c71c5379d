using System.Globalization;
using System.IO.Compression;
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

    /// <summary>
    /// How many learners were active in each course in each of the <paramref name="weeks"/> weeks before
    /// <paramref name="end"/> (excluded), an event of theirs with the course in its context and its own day's date
    /// counting, as <c>week start \t week end \t course \t ACTIVE \t learners</c> lines in ordinal order.
    /// </summary>
    public static List<string> WeeklyActiveLearners(string folder, string end, int weeks)
    {
        var last = DateOnly.Parse(end, CultureInfo.InvariantCulture);
        var rows = new List<string>();
        for (var week = 0; week < weeks; week++)
        {
            var (start, stop) = (last.AddDays(-7 * (weeks - week)), last.AddDays(-7 * (weeks - week - 1)));
            var learners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var day = start; day < stop; day = day.AddDays(1))
            {
                var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                foreach (var root in Events(Path.Combine(folder, $"tracking.log-{day:yyyyMMdd}")))
                {
                    if (root.GetProperty("time").GetString()!.StartsWith(date, StringComparison.Ordinal)
                        && root.GetProperty("context").GetProperty("course_id").GetString() is { Length: > 0 } course)
                    {
                        (learners.TryGetValue(course, out var set) ? set : learners[course] = new HashSet<string>(StringComparer.Ordinal))
                            .Add(root.GetProperty("username").GetString()!);
                    }
                }
            }
            rows.AddRange(learners.Select(l => string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd}\t{stop:yyyy-MM-dd}\t{l.Key}\tACTIVE\t{l.Value.Count}")));
        }
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// How many learners last gave each answer to each problem (problem_check events; the later time wins, then the later
    /// line) in every file under <paramref name="folder"/>, gzipped or not, as <c>course \t problem \t answer \t
    /// learners</c> lines in ordinal order.
    /// </summary>
    public static List<string> AnswerCounts(string folder)
    {
        var last = new Dictionary<(string Course, string Problem, string Learner), (string Time, string Answer)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var root in Events(file))
            {
                if (root.GetProperty("event_type").GetString() != "problem_check")
                {
                    continue;
                }
                var check = root.GetProperty("event");
                var key = (root.GetProperty("context").GetProperty("course_id").GetString()!, check.GetProperty("problem_id").GetString()!,
                    root.GetProperty("username").GetString()!);
                var time = root.GetProperty("time").GetString()!;
                var answer = string.Join('|', check.GetProperty("answers").EnumerateObject().Select(a => a.Value.GetString()));
                if (!last.TryGetValue(key, out var previous) || string.CompareOrdinal(previous.Time, time) <= 0)
                {
                    last[key] = (time, answer);
                }
            }
        }
        return last
            .GroupBy(l => $"{l.Key.Course}\t{l.Key.Problem}\t{l.Value.Answer}")
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}\t{g.Count()}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<JsonElement> Events(string file)
    {
        using var stream = File.OpenRead(file);
        using var text = file.EndsWith(".gz", StringComparison.Ordinal)
            ? new StreamReader(new GZipStream(stream, CompressionMode.Decompress))
            : new StreamReader(stream);
        while (text.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}
