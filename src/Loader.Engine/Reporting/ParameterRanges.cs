using Loader.Parameters;
using Loader.Tasks;

namespace Loader.Reporting;

/// <summary>Collapses many instances of one family into one line: <c>Load(date=2026-01-01...2026-01-31)</c>, <c>Fetch(hour=2026-01-01T00...2026-01-07T23)</c>.</summary>
public static class ParameterRanges
{
    /// <summary>One line per family and parameters other than the day or hour, with consecutive days or hours collapsed into ranges.</summary>
    public static IEnumerable<(int Count, string Text)> Collapse(IEnumerable<TaskInstance> tasks) =>
        tasks
            .GroupBy(t => (t.Family, Others: string.Join(", ", t.Id.Parameters.Where(p => p.Key is not ("date" or "hour")).Select(p => $"{p.Key}={p.Value}"))))
            .OrderBy(g => g.Min(t => t.Order))
            .Select(g => (g.Count(), Describe(g.Key.Family, g.Key.Others, g.Select(t => t.Date).OfType<DateOnly>().ToList(), g.Select(t => t.Hour).OfType<Hour>().ToList())));

    private static string Describe(string family, string rest, List<DateOnly> dates, List<Hour> hours)
    {
        var parts = new List<string>();
        if (dates.Count > 0)
        {
            parts.Add("date=" + string.Join(",", Runs(dates)));
        }
        if (hours.Count > 0)
        {
            parts.Add("hour=" + string.Join(",", Runs(hours)));
        }
        if (rest.Length > 0)
        {
            parts.Add(rest);
        }
        return $"{family}({string.Join(", ", parts)})";
    }

    /// <summary>Consecutive days as <c>first...last</c>, lone days as themselves.</summary>
    public static IEnumerable<string> Runs(IEnumerable<DateOnly> dates) =>
        Runs(dates.Select(d => d.DayNumber), n => $"{DateOnly.FromDayNumber(n):yyyy-MM-dd}");

    /// <summary>Consecutive hours as <c>first...last</c>, lone hours as themselves.</summary>
    public static IEnumerable<string> Runs(IEnumerable<Hour> hours)
    {
        var list = hours.ToList();
        if (list.Count == 0)
        {
            return [];
        }
        var first = list.Min();
        return Runs(list.Select(first.HoursUntil), n => first.AddHours(n).ToString());
    }

    private static IEnumerable<string> Runs(IEnumerable<int> numbers, Func<int, string> text)
    {
        var sorted = numbers.Distinct().Order().ToList();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            yield return i == j ? text(sorted[i]) : $"{text(sorted[i])}...{text(sorted[j])}";
            i = j + 1;
        }
    }
}
