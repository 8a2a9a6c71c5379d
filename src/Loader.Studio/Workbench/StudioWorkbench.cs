using Loader.Planning;
using Loader.State;
using Loader.Studio.Hosting;
using Loader.Studio.Security;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Studio.Workbench;

/// <summary>The engine as the Studio uses it: workflow files read afresh on every request, requests bound and planned.</summary>
internal sealed class StudioWorkbench(StudioOptions options, StudioSecrets secrets)
{
    /// <summary>The options the Studio was started with.</summary>
    public StudioOptions Options => options;

    /// <summary>Every secret the Studio masks in its answers.</summary>
    public StudioSecrets Secrets => secrets;

    /// <summary>Every workflow file, read now, with its problems.</summary>
    public WorkflowCatalog Catalog() => WorkflowCatalog.Load([options.WorkflowFolder], options.Steps);

    /// <summary>The workflow named <paramref name="name"/>, or null.</summary>
    public WorkflowDefinition? Find(string name) => Catalog().Find(name);

    /// <summary>Binds <paramref name="workflow"/> with <paramref name="arguments"/>; secret parameter values join the masker.</summary>
    public TaskGraph Bind(string workflow, IReadOnlyDictionary<string, string> arguments)
    {
        var catalog = Catalog();
        var graph = new GraphBinder(catalog, options.Configuration(), options.Parameters, options.Steps.ConfigSections).Bind(workflow, arguments);
        foreach (var secret in graph.SecretValues())
        {
            secrets.Add(secret);
        }
        return graph;
    }

    /// <summary>Binds and plans a request; a force spec that selects nothing in the run throws <see cref="ArgumentException"/>.</summary>
    public async Task<RunPlan> PlanAsync(string workflow, IReadOnlyDictionary<string, string> arguments, IReadOnlyCollection<ForceSpec> forced, CancellationToken cancellationToken) =>
        await new Planner(options.Targets, options.Clock).PlanAsync(Bind(workflow, arguments), forced, cancellationToken);

    /// <summary>
    /// Binds a request and reads the state of every instance from the outputs and the state store, with
    /// <paramref name="latest"/> each task's newest attempt and <paramref name="leases"/> the live leases.
    /// </summary>
    public async Task<(TaskGraph Graph, IReadOnlyList<InstanceStatus> States)> StatusAsync(
        string workflow, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, AttemptRecord> latest,
        IReadOnlyDictionary<string, LeaseRecord> leases, CancellationToken cancellationToken)
    {
        var graph = Bind(workflow, arguments);
        return (graph, await new StatusBoard(options.Targets).ReadAsync(graph, latest, leases, cancellationToken));
    }
}
