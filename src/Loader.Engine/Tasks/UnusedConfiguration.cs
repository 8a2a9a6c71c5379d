using Loader.Configuration;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>Finds configuration keys nothing reads, as Luigi warns about unused config: a typo there is otherwise silent.</summary>
internal sealed class UnusedConfiguration(WorkflowCatalog catalog, LoaderConfiguration configuration, IReadOnlySet<string> stepSections)
{
    /// <summary>Top-level sections the engine itself reads.</summary>
    public static readonly HashSet<string> EngineSections = new(StringComparer.OrdinalIgnoreCase) { "state", "runner", "today", "service", "studio", "history" };

    public IEnumerable<string> Find(WorkflowDefinition root, IReadOnlyList<TaskInstance> instances)
    {
        var families = instances.Select(i => i.Definition).Distinct().ToList();
        var referenced = catalog.Workflows
            .SelectMany(w => w.Tasks.SelectMany(t => t.With.Templates().Concat(t.Outputs.Select(o => o.Path)))
                .Concat(w.Parameters.Where(p => p.Default is not null).Select(p => Expressions.Template.Parse(p.Default!, p.Span))))
            .SelectMany(t => t.Expressions)
            .Where(e => e.Root == "config")
            .Select(e => string.Join(':', e.Path.Skip(1)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in configuration.Keys)
        {
            var section = key.Split(':')[0];
            if (Read(key, section, referenced))
            {
                continue;
            }
            var workflow = catalog.Find(section) ?? catalog.Workflows.FirstOrDefault(w => string.Equals(w.Name, section, StringComparison.OrdinalIgnoreCase));
            var task = families.FirstOrDefault(t => string.Equals(t.Family, section, StringComparison.OrdinalIgnoreCase));
            var parameterName = key.Contains(':') ? key[(section.Length + 1)..] : "";
            if (workflow is not null && workflow.Name == root.Name && workflow.Parameter(parameterName) is null)
            {
                yield return $"config key '{key}' ({configuration.SourceOf(key)}) is not a parameter of workflow '{root.Name}': its parameters are {string.Join(", ", root.Parameters.Select(p => p.Name))}";
            }
            else if (task is not null && catalog.Find(task.Workflow)?.Parameter(parameterName) is null)
            {
                yield return $"config key '{key}' ({configuration.SourceOf(key)}) is not a parameter of task '{task.Family}'";
            }
            else if (workflow is null && catalog.FindTask(section) is null)
            {
                yield return $"config key '{key}' ({configuration.SourceOf(key)}) is not read by anything: check its spelling";
            }
        }
    }

    private bool Read(string key, string section, HashSet<string> referenced) =>
        EngineSections.Contains(section)
        || stepSections.Contains(section)
        || referenced.Contains(key)
        || referenced.Any(r => key.StartsWith(r + ":", StringComparison.OrdinalIgnoreCase));
}
