using Loader.Parameters;
using Loader.Workflows;

namespace Loader.Studio.Api;

/// <summary>How workflows read in JSON: files with their problems, and one workflow's parameters, tasks and edges.</summary>
internal static class WorkflowViews
{
    public static object Files(WorkflowCatalog catalog, string folder)
    {
        var byFile = catalog.Workflows.ToLookup(w => Path.GetFullPath(w.Span.File));
        var problems = catalog.Problems.ToLookup(p => p.Span.File.Length == 0 ? "" : Path.GetFullPath(p.Span.File));
        return new
        {
            files = catalog.Files.Select(file => new
            {
                file = Path.GetRelativePath(folder, file),
                workflows = byFile[Path.GetFullPath(file)].Select(w => new { name = w.Name, description = w.Description, tasks = w.Tasks.Count }),
                problems = problems[Path.GetFullPath(file)].Select(p => Describe(p, folder)),
            }),
            problems = problems[""].Select(p => p.ToString()),
        };
    }

    /// <summary>A problem with its file named relative to the workflow folder, as the user knows it.</summary>
    private static string Describe(Diagnostic problem, string folder) =>
        problem.Span.File.Length == 0
            ? problem.Message
            : $"{Path.GetRelativePath(folder, Path.GetFullPath(problem.Span.File))}:{problem.Span.Line}:{problem.Span.Column}: {problem.Message}";

    public static object Detail(WorkflowDefinition workflow) => new
    {
        name = workflow.Name,
        description = workflow.Description,
        file = workflow.Span.File,
        runsOn = workflow.RunsOn,
        parameters = workflow.Parameters.Select(Parameter),
        tasks = workflow.Tasks.Select(t => new
        {
            family = t.Family,
            description = t.Description,
            uses = t.Uses,
            perDay = t.PerDay,
            perHour = t.PerHour,
            requires = t.Requires.OfType<TaskRequirement>().Select(r => r.Family),
            requiresWorkflows = t.Requires.OfType<WorkflowRequirement>().Select(r => r.Workflow),
            outputs = t.Outputs.Select(o => new { name = o.Name, kind = o.Kind.ToString().ToLowerInvariant(), path = o.Path.Text }),
            runsOn = t.RunsOn,
        }),
        edges = workflow.Tasks.SelectMany(t => t.Requires.OfType<TaskRequirement>().Select(r => new { from = r.Family, to = t.Family })),
    };

    public static object Parameter(ParameterSpec p) => new
    {
        name = p.Name,
        type = p.Kind.ToString().ToLowerInvariant(),
        description = p.Description,
        @default = p.Secret && p.Default is not null ? "***" : p.Default,
        required = p.Default is null,
        optional = p.Optional,
        significant = p.Significant,
        secret = p.Secret,
        choices = p.Choices,
    };
}
