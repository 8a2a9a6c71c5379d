using Loader.Expressions;
using Loader.Parameters;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// What a task definition's identity is made of: the significant workflow parameters its templates name, and those of
/// the tasks it requires (as in Luigi, where a task carries the parameters its requirements need). A per-day task's
/// interval is replaced by its date, a per-hour task's by its hour; a task requiring another task's days or hours over
/// another interval carries that interval. Which of them are
/// secret depends on the values bound, so the binder leaves those out of each instance's identity.
/// </summary>
internal sealed record TaskShape(IReadOnlyList<string> SignificantParameters)
{
    public static TaskShape Of(TaskDefinition task, WorkflowDefinition workflow, Func<TaskDefinition, TaskShape> shapeOf)
    {
        var templates = task.With.Templates()
            .Concat(task.Outputs.Select(o => o.Path))
            .Concat(task.Requires.OfType<WorkflowRequirement>().SelectMany(r => r.With.Values))
            .Concat(new[] { task.Timeout }.OfType<Template>());
        var named = templates
            .SelectMany(t => t.Expressions)
            .SelectMany(e => e.Names)
            .ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(named, StringComparer.Ordinal);
        foreach (var required in task.Requires.OfType<TaskRequirement>().Select(r => workflow.Task(r.Family)!))
        {
            names.UnionWith(shapeOf(required).SignificantParameters);
            if (required.FansOutOver is { } interval && interval != task.FansOutOver)
            {
                names.Add(interval);
            }
        }
        if (task.FansOutOver is { } own && !named.Contains(own))
        {
            names.Remove(own);
        }
        var significant = names
            .Select(workflow.Parameter)
            .OfType<ParameterSpec>()
            .Where(p => p.Significant)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TaskShape(significant);
    }
}
