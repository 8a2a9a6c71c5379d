using Loader.Expressions;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>What a task definition's identity is made of: the significant workflow parameters its templates name.</summary>
internal sealed record TaskShape(IReadOnlyList<string> SignificantParameters)
{
    public static TaskShape Of(TaskDefinition task, WorkflowDefinition workflow)
    {
        var templates = task.With.Templates()
            .Concat(task.Outputs.Select(o => o.Path))
            .Concat(task.Requires.OfType<WorkflowRequirement>().SelectMany(r => r.With.Values))
            .Concat(new[] { task.Timeout }.OfType<Template>());
        var names = templates
            .SelectMany(t => t.Expressions)
            .Select(e => workflow.Parameter(e.Root))
            .OfType<Parameters.ParameterSpec>()
            .Where(p => p.Significant && !p.Secret)
            .Select(p => p.Name)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        return new TaskShape(names);
    }
}
