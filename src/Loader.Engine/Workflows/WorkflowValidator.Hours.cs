using Loader.Expressions;
using Loader.Parameters;

namespace Loader.Workflows;

/// <summary>The checks of per-hour tasks: what they fan out over, their overwrite window, and what renders an hour.</summary>
internal sealed partial class WorkflowValidator
{
    private void CheckPerHour(WorkflowDefinition workflow, TaskDefinition task)
    {
        if (task.PerHour is { } perHour && workflow.Parameter(perHour)?.Kind != ParameterKind.Interval)
        {
            Problem(task.Span, $"task '{task.Family}': per_hour names '{perHour}', which is not an interval parameter of workflow '{workflow.Name}'");
        }
        if (task is { PerDay: not null, PerHour: not null })
        {
            Problem(task.Span, $"task '{task.Family}' has both per_day and per_hour: a task fans out one way; keep one");
        }
        if (task.OverwriteNHours is { } hours)
        {
            if (task.PerHour is null)
            {
                Problem(hours.Span, $"task '{task.Family}': overwrite_n_hours recomputes the last hours of a per_hour task, and this task has no per_hour"
                    + (task.PerDay is null ? "" : ": a per_day task has overwrite_n_days"));
            }
            else if (hours.IsLiteral && !(int.TryParse(hours.Text, out var n) && n >= 0))
            {
                Problem(hours.Span, $"task '{task.Family}': overwrite_n_hours must be a whole number of 0 or more, or an expression such as ${{overwrite_n_hours}}, not '{hours.Text}'");
            }
        }
        if (task is { PerHour: not null, OverwriteNDays: { } days })
        {
            Problem(days.Span, $"task '{task.Family}' runs per hour: its overwrite window is counted in hours; write overwrite_n_hours (72 for three days) instead of overwrite_n_days");
        }
    }

    /// <summary>Whether <paramref name="e"/> renders an hour: a per-hour task's <c>${hour}</c> or an hour parameter.</summary>
    private static bool IsHour(WorkflowDefinition workflow, TaskDefinition task, Expression e) =>
        e.Path.Count == 1 && ((e.Root == "hour" && task.PerHour is not null) || workflow.Parameter(e.Root)?.Kind == ParameterKind.Hour);
}
