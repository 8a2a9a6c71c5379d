using Loader.Parameters;
using Loader.Reporting;
using Loader.Tasks;

namespace Loader.Planning;

/// <summary>
/// The instances of a graph that force specs select, each with the spec that forced it (a <c>--force-downstream</c>
/// spec wins over a <c>--force</c> one). A spec that selects nothing is the user's mistake: it throws
/// <see cref="ArgumentException"/> naming the spec and what the run does have.
/// </summary>
internal static class ForcedInstances
{
    public static IReadOnlyDictionary<TaskInstance, ForceSpec> Select(TaskGraph graph, IEnumerable<ForceSpec> specs)
    {
        var forced = new Dictionary<TaskInstance, ForceSpec>();
        foreach (var spec in specs)
        {
            foreach (var task in Matching(graph, spec))
            {
                if (!forced.TryGetValue(task, out var earlier) || (spec.Downstream && !earlier.Downstream))
                {
                    forced[task] = spec;
                }
            }
        }
        return forced;
    }

    private static List<TaskInstance> Matching(TaskGraph graph, ForceSpec spec)
    {
        var family = graph.Instances.Where(i => i.Family == spec.Family).ToList();
        if (family.Count == 0)
        {
            var families = graph.Instances.Select(i => i.Family).Distinct().ToList();
            var has = families.Count == 0 ? "this run has no tasks" : $"its tasks are {string.Join(", ", families)}";
            throw new ArgumentException($"{spec.Display}: no task of that name is part of this run; {has}");
        }
        var identity = family.SelectMany(i => i.Id.Parameters.Select(p => p.Key)).Distinct().ToList();
        foreach (var (name, _) in spec.Parameters.Where(p => !identity.Contains(p.Key)))
        {
            var shown = identity.Count == 0 ? "it has no parameters in its identity" : $"its identity has {string.Join(", ", identity)}";
            throw new ArgumentException($"{spec.Display}: {spec.Family} has no parameter '{name}' in its identity; {shown}");
        }
        var conditions = spec.Parameters.Select(p => Condition(spec, p.Key, p.Value, family)).ToList();
        var matching = family.Where(task => conditions.All(matches => matches(task))).ToList();
        if (matching.Count == 0)
        {
            var has = string.Join("; ", ParameterRanges.Collapse(family).Select(c => c.Text));
            throw new ArgumentException($"{spec.Display}: no such instance is part of this run; it has {has}");
        }
        return matching;
    }

    /// <summary>
    /// Whether an instance's <paramref name="name"/> is <paramref name="value"/>: a day or an hour inside it, an interval
    /// holding the same hours, or the same text.
    /// </summary>
    private static Func<TaskInstance, bool> Condition(ForceSpec spec, string name, string value, List<TaskInstance> family)
    {
        var typed = family.Select(task => Value(task, name)).FirstOrDefault(v => v is not null);
        if (typed is not (DateOnly or Hour or DateInterval))
        {
            return task => task.Id.Parameters.Any(p => p.Key == name && p.Value == value);
        }
        DateInterval given;
        try
        {
            given = DateInterval.Parse(value);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{spec.Display}: {name}: {e.Message}", e);
        }
        return task => Value(task, name) switch
        {
            DateOnly day => given.Contains(day),
            Hour hour => given.Contains(hour),
            DateInterval interval => interval.FirstHour == given.FirstHour && interval.EndHour == given.EndHour,
            _ => false,
        };
    }

    private static object? Value(TaskInstance task, string name) => name switch
    {
        "date" when task.Date is { } day => day,
        "hour" when task.Hour is { } hour => hour,
        _ => task.Parameters.GetValueOrDefault(name),
    };
}
