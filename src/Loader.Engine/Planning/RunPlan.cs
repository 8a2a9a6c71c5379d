using Loader.Tasks;

namespace Loader.Planning;

/// <summary>What a run will do: a decision for every task instance it needs, in dependency order.</summary>
public sealed class RunPlan(TaskGraph graph, IReadOnlyList<PlanEntry> entries, DateTimeOffset plannedAt)
{
    private readonly Dictionary<TaskInstance, PlanEntry> _byTask = entries.ToDictionary(e => e.Task);

    /// <summary>The bound graph the plan was made from.</summary>
    public TaskGraph Graph { get; } = graph;

    /// <summary>The decisions, requirements first.</summary>
    public IReadOnlyList<PlanEntry> Entries { get; } = entries;

    /// <summary>When the plan was made: successes recorded elsewhere after this count as done.</summary>
    public DateTimeOffset PlannedAt { get; } = plannedAt;

    /// <summary>The entry of <paramref name="task"/>, or null when the plan does not need it.</summary>
    public PlanEntry? For(TaskInstance task) => _byTask.GetValueOrDefault(task);

    /// <summary>How many entries have each decision.</summary>
    public int Count(PlanDecision decision) => Entries.Count(e => e.Decision == decision);
}
