using Loader.Scheduling;
using Loader.Studio.Workbench;

namespace Loader.Studio.Runs;

/// <summary>
/// Starts the runs a schedule fires as the Studio starts its own: bound and planned from the workflow files as they are now,
/// executed among the Studio's live runs, so the page follows and cancels them like any other.
/// </summary>
internal sealed class StudioLauncher(StudioWorkbench workbench, StudioRuns runs) : IRunLauncher
{
    public async Task<LaunchedRun> StartAsync(string workflow, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var plan = await workbench.PlanAsync(workflow, arguments, [], cancellationToken);
        return await runs.StartAsync(plan);
    }
}
