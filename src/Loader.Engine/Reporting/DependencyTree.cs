using System.Globalization;
using Loader.Targets;
using Loader.Tasks;

namespace Loader.Reporting;

/// <summary>
/// The instance-level dependency tree of a bound graph, as Luigi's <c>deps_tree</c> draws it: from the goals down, each
/// instance complete or pending by its outputs (checked in one bulk pass). Collapsed, consecutive days (or hours) of one
/// family with the same state and the same shape of requirements are one line.
/// </summary>
public sealed class DependencyTree
{
    private readonly bool[] _complete;
    private readonly int[] _shapes;
    private readonly bool _expand;
    private readonly HashSet<string> _drawn = new(StringComparer.Ordinal);

    private DependencyTree(TaskGraph graph, bool[] complete, bool expand)
    {
        _complete = complete;
        _expand = expand;
        _shapes = expand ? [] : Shapes(graph.Instances, complete);
    }

    /// <summary>The tree of <paramref name="graph"/>'s goals; <paramref name="expand"/> draws every instance on its own line.</summary>
    public static async Task<IReadOnlyList<TreeNode>> BuildAsync(TaskGraph graph, TargetStores targets, bool expand, CancellationToken cancellationToken)
    {
        var existing = await targets.WhichExistAsync(graph.Instances.SelectMany(i => i.Outputs), cancellationToken);
        var complete = graph.Instances.Select(i => i.Outputs.Count > 0 && i.Outputs.All(existing.Contains)).ToArray();
        return new DependencyTree(graph, complete, expand).Lines(graph.Goals);
    }

    /// <summary>
    /// A number per instance that two instances share exactly when they have the same family, other parameters and
    /// state, and require the same shapes: at the same place relative to their own day or hour, or at the same other times.
    /// </summary>
    private static int[] Shapes(IReadOnlyList<TaskInstance> instances, bool[] complete)
    {
        var shapes = new int[instances.Count];
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        // Requirements come first in the graph's order, so their shapes are known when they are needed.
        foreach (var task in instances)
        {
            var required = task.Requires.Select(r => $"{shapes[r.Order]}@{When(r, task)}").Order(StringComparer.Ordinal);
            var text = $"{task.Family}\n{OtherParameters(task)}\n{complete[task.Order]}\n{string.Join(",", required)}";
            if (!known.TryGetValue(text, out var shape))
            {
                shape = known.Count;
                known[text] = shape;
            }
            shapes[task.Order] = shape;
        }
        return shapes;
    }

    /// <summary>
    /// Where <paramref name="required"/> sits in time for <paramref name="task"/>: the same day or hour, one of the
    /// task's day's hours, the task's hour's day, or else its own day or hour.
    /// </summary>
    private static string When(TaskInstance required, TaskInstance task)
    {
        if (TimeText(required) is not { } at)
        {
            return "-";
        }
        if (Day(required) != Day(task))
        {
            return at;
        }
        return (required.Hour, task.Hour) switch
        {
            ({ } need, { } own) => need == own ? "=" : at,
            ({ } need, null) => $"~{need.OfDay}h",
            (null, { }) => "~day",
            _ => "=",
        };
    }

    /// <summary>The day or hour of a per-day or per-hour instance as its identity writes it, else null.</summary>
    private static string? TimeText(TaskInstance task) =>
        task.Hour?.ToString() ?? task.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Day(TaskInstance task) => task.Hour?.Date ?? task.Date;

    /// <summary>The instance's place on a line of consecutive days or hours: its day or hour as a number.</summary>
    private static long? Step(TaskInstance task) =>
        task.Hour is { } hour ? hour.Start.Ticks / TimeSpan.TicksPerHour : task.Date?.DayNumber;

    private static string OtherParameters(TaskInstance task) =>
        string.Join(", ", task.Id.Parameters.Where(p => p.Key is not ("date" or "hour")).Select(p => $"{p.Key}={p.Value}"));

    private List<TreeNode> Lines(IEnumerable<TaskInstance> siblings) => Groups(siblings.Distinct().ToList()).Select(Line).ToList();

    private TreeNode Line(IReadOnlyList<TaskInstance> group)
    {
        var first = group[0];
        var text = group.Count == 1 ? first.Id.Text : RangeText(group);
        var requires = group.SelectMany(t => t.Requires).ToList();
        var seen = !_drawn.Add(text) && requires.Count > 0;
        return new TreeNode(
            text,
            first.Family,
            group.Count,
            TimeText(first),
            TimeText(group[^1]),
            _complete[first.Order],
            group.Count == 1 ? first.Id.Key : null,
            seen ? [] : Lines(requires),
            seen);
    }

    private static string RangeText(IReadOnlyList<TaskInstance> group)
    {
        var run = group[0].Hour is null
            ? ParameterRanges.Runs(group.Select(t => t.Date!.Value)).Single()
            : ParameterRanges.Runs(group.Select(t => t.Hour!.Value)).Single();
        return $"{group[0].Family}({string.Join(", ", group[0].Id.Parameters.Select(p => p.Key is "date" or "hour" ? $"{p.Key}={run}" : $"{p.Key}={p.Value}"))})";
    }

    /// <summary>
    /// The siblings as lines: each alone when expanded; else runs of consecutive days or hours of one shape, in the order their
    /// first instance comes.
    /// </summary>
    private IEnumerable<IReadOnlyList<TaskInstance>> Groups(List<TaskInstance> siblings)
    {
        if (_expand)
        {
            return siblings.Select(t => (IReadOnlyList<TaskInstance>)[t]);
        }
        var position = new Dictionary<TaskInstance, int>(siblings.Count);
        for (var i = 0; i < siblings.Count; i++)
        {
            position[siblings[i]] = i;
        }
        var groups = new List<List<TaskInstance>>();
        foreach (var shape in siblings.GroupBy(t => _shapes[t.Order]))
        {
            List<TaskInstance>? run = null;
            foreach (var task in shape.OrderBy(Step))
            {
                if (run is null || Step(task) is null || Step(run[^1]) + 1 != Step(task))
                {
                    run = [];
                    groups.Add(run);
                }
                run.Add(task);
            }
        }
        return groups.OrderBy(g => g.Min(t => position[t]));
    }
}
