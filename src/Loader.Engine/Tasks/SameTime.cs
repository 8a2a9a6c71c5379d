using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// Which instances of a required task one instance needs. Tasks fanned out over the same interval parameter meet in
/// time: a day needs the same day, an hour the same hour, a day the 24 hours of it, an hour the day it falls on.
/// Anything else needs every instance of the required task.
/// </summary>
internal static class SameTime
{
    public static IReadOnlyList<TaskInstance> Required(TaskDefinition task, TaskRequirement requirement, TaskDefinition required, List<TaskInstance> all, TimeSlot slot)
    {
        if (slot == TimeSlot.Whole || required.FansOutOver != task.FansOutOver)
        {
            return all;
        }
        if (slot.Index < all.Count && all[slot.Index] is var same && same.Date == slot.Date && same.Hour == slot.Hour)
        {
            return [same];
        }
        // The two tasks' fan-outs differ (by day and by hour, or a --Family-param override): match the time itself.
        var held = all.Where(slot.Holds).ToArray();
        return held.Length > 0
            ? held
            : throw new WorkflowException(requirement.Span,
                $"task '{task.Family}' for {slot} requires '{requirement.Family}' of the same {(required.PerDay is null ? "hour" : "day")}, which is outside the interval '{requirement.Family}' runs over");
    }
}
