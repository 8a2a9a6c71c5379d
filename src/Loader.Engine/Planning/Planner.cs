using Loader.Targets;
using Loader.Tasks;

namespace Loader.Planning;

/// <summary>
/// Decides what a run does. Every output is checked in one bulk pass (one listing per folder or prefix).
/// As in Luigi, a complete task's requirements are not needed; unlike Luigi, forced instances and the overwrite
/// window rerun even when complete. Whatever requires an instance of the overwrite window or of <c>--force-downstream</c>
/// reruns too; an instance forced with <c>--force</c> reruns alone.
/// </summary>
public sealed class Planner(TargetStores targets, TimeProvider clock)
{
    /// <summary>
    /// Plans <paramref name="graph"/>; <paramref name="forced"/> selects instances to rerun whatever their state. A spec that
    /// selects nothing in the graph throws <see cref="ArgumentException"/>, a malformed value <see cref="FormatException"/>.
    /// </summary>
    public async Task<RunPlan> PlanAsync(TaskGraph graph, IReadOnlyCollection<ForceSpec> forced, CancellationToken cancellationToken)
    {
        var plannedAt = clock.GetUtcNow();
        var instances = graph.Instances;
        var forcedBy = ForcedInstances.Select(graph, forced);
        var existing = await targets.WhichExistAsync(instances.SelectMany(i => i.Outputs), cancellationToken);
        var count = instances.Count;
        var exists = new bool[count];
        var seeded = new bool[count];
        var rerun = new string?[count];
        var spread = new Spread?[count];
        var needed = new bool[count];
        var decisions = new PlanEntry?[count];

        for (var i = 0; i < count; i++)
        {
            var task = instances[i];
            exists[i] = task.Outputs.Count > 0 && task.Outputs.All(existing.Contains);
            var force = forcedBy.GetValueOrDefault(task);
            var window = WindowReason(task);
            var upstream = task.Requires.FirstOrDefault(r => spread[r.Order] is not null);
            seeded[i] = force is not null || window is not null;
            rerun[i] = (force is null ? null : $"forced with {force.Option} {force.Text}")
                ?? window
                ?? (upstream is null ? null : spread[upstream.Order]!.ReasonFor(upstream));
            spread[i] = force is { Downstream: true } ? new Spread(task)
                : upstream is not null ? spread[upstream.Order]
                : window is not null ? Spread.Window
                : null;
        }
        foreach (var goal in graph.Goals)
        {
            needed[goal.Order] = true;
        }
        for (var i = count - 1; i >= 0; i--)
        {
            var task = instances[i];
            if (!needed[i] && !seeded[i])
            {
                continue;
            }
            needed[i] = true;
            decisions[i] = Decide(task, exists[i], rerun[i], existing);
            if (decisions[i]!.WillRun)
            {
                foreach (var requirement in task.Requires)
                {
                    needed[requirement.Order] = true;
                }
            }
        }
        for (var i = 0; i < count; i++)
        {
            if (decisions[i] is { WillRun: true } entry
                && instances[i].Requires.FirstOrDefault(r => decisions[r.Order]?.Decision is PlanDecision.WaitingExternal or PlanDecision.Blocked) is { } stuck)
            {
                decisions[i] = entry with { Decision = PlanDecision.Blocked, Reason = $"requires {stuck.Id.Text}, which waits for external data" };
            }
        }
        return new RunPlan(graph, decisions.OfType<PlanEntry>().ToList(), plannedAt);
    }

    private static PlanEntry Decide(TaskInstance task, bool exists, string? rerun, IReadOnlySet<Target> existing)
    {
        if (!IsExternal(task))
        {
            return (exists, rerun) switch
            {
                (true, null) => new PlanEntry(task, PlanDecision.Complete, "outputs exist"),
                (true, _) => new PlanEntry(task, PlanDecision.Overwrite, rerun),
                _ when task.Outputs.Count == 0 => new PlanEntry(task, PlanDecision.Run, "has no outputs, so it runs every time"),
                _ => new PlanEntry(task, PlanDecision.Run, $"{task.Outputs.First(o => !existing.Contains(o)).Location} is missing"),
            };
        }
        return exists
            ? new PlanEntry(task, PlanDecision.Complete, "external data is present")
            : new PlanEntry(task, PlanDecision.WaitingExternal,
                $"waiting for external data: {task.Outputs.FirstOrDefault(o => !existing.Contains(o))?.Location ?? "(no outputs declared)"}");
    }

    /// <summary>Whether <paramref name="task"/> only checks data made outside the workflow (<c>uses: external</c>).</summary>
    internal static bool IsExternal(TaskInstance task) => task.Definition.Uses.Equals("external", StringComparison.Ordinal);

    /// <summary>Why <paramref name="task"/> is inside its overwrite window, or null when it is not.</summary>
    internal static string? WindowReason(TaskInstance task)
    {
        if (task is { Date: { } day, Interval: { } interval, OverwriteNDays: > 0 } && day >= interval.End.AddDays(-task.OverwriteNDays))
        {
            return $"inside the overwrite window: the last {task.OverwriteNDays} days before {interval.End:yyyy-MM-dd}";
        }
        if (task is { Hour: { } hour, Interval: { } hours, OverwriteNHours: > 0 } && hour.HoursUntil(hours.EndHour) <= task.OverwriteNHours)
        {
            return $"inside the overwrite window: the last {task.OverwriteNHours} hours before {hours.EndHour}";
        }
        return null;
    }

    /// <summary>Why what requires a rerun instance reruns too: it is downstream of a forced instance, or of the overwrite window.</summary>
    private sealed record Spread(TaskInstance? ForcedOrigin)
    {
        public static readonly Spread Window = new((TaskInstance?)null);

        public string ReasonFor(TaskInstance requirement) => ForcedOrigin is { } origin
            ? $"downstream of {origin.Id.Text}, forced with --force-downstream"
            : $"requires {requirement.Id.Text}, which reruns";
    }
}
