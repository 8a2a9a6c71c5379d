using Loader.Tasks;

namespace Loader.Reporting;

/// <summary>Collapses many instances of one family into one line: <c>Load(date=2026-01-01...2026-01-31)</c>.</summary>
public static class ParameterRanges
{
    /// <summary>One line per family and non-date parameters, with consecutive dates collapsed into ranges.</summary>
    public static IEnumerable<(int Count, string Text)> Collapse(IEnumerable<TaskInstance> tasks) =>
        tasks
            .GroupBy(t => (t.Family, Others: string.Join(", ", t.Id.Parameters.Where(p => p.Key != "date").Select(p => $"{p.Key}={p.Value}"))))
            .OrderBy(g => g.Min(t => t.Order))
            .Select(g => (g.Count(), Describe(g.Key.Family, g.Key.Others, g.Select(t => t.Date).OfType<DateOnly>().ToList())));

    private static string Describe(string family, string rest, List<DateOnly> dates)
    {
        var parts = new List<string>();
        if (dates.Count > 0)
        {
            parts.Add("date=" + string.Join(",", Runs(dates)));
        }
        if (rest.Length > 0)
        {
            parts.Add(rest);
        }
        return $"{family}({string.Join(", ", parts)})";
    }

    /// <summary>Consecutive days as <c>first...last</c>, lone days as themselves.</summary>
    public static IEnumerable<string> Runs(IEnumerable<DateOnly> dates)
    {
        var sorted = dates.Distinct().Order().ToList();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j].AddDays(1))
            {
                j++;
            }
            yield return i == j ? $"{sorted[i]:yyyy-MM-dd}" : $"{sorted[i]:yyyy-MM-dd}...{sorted[j]:yyyy-MM-dd}";
            i = j + 1;
        }
    }
}
