using Loader.Cli.Hosting;
using Loader.Configuration;
using Loader.Planning;
using Loader.Tasks;
using Loader.Scheduling.Schedules;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>
/// Checks, before a service starts or a schedule is shown or run, that every schedule names a workflow, gives only its
/// parameters, and that a run fired now would bind; the secret values such a run gets are masked from then on.
/// </summary>
internal static class ScheduleCheck
{
    public static void ThrowIfInvalid(IReadOnlyList<Schedule> schedules, WorkflowCatalog catalog, LoaderHost host)
    {
        foreach (var schedule in schedules)
        {
            var workflow = catalog.Find(schedule.Workflow)
                ?? throw new ConfigurationException(
                    $"schedules.{schedule.Name}.workflow is '{schedule.Workflow}': no such workflow in {host.WorkflowFolder} (workflows: {string.Join(", ", catalog.Workflows.Select(w => w.Name))})");
            foreach (var name in schedule.Parameters.Keys.Where(n => catalog.Resolve(workflow, n).Spec is null))
            {
                var known = workflow.Parameters.Count == 0 ? "it has none" : "its parameters are " + string.Join(", ", workflow.Parameters.Select(p => p.Name));
                throw new ConfigurationException($"schedules.{schedule.Name}.parameters.{name}: workflow '{workflow.Name}' has no parameter '{name}': {known}");
            }
            try
            {
                var now = host.Clock.GetUtcNow();
                var arguments = schedule.ArgumentsAt(schedule.NextFire(now) ?? now);
                var graph = new GraphBinder(catalog, host.Configuration, host.Parameters, host.Steps.ConfigSections).Bind(schedule.Workflow, arguments);
                foreach (var secret in graph.SecretValues())
                {
                    host.Configuration.Secrets.Add(secret);
                }
            }
            catch (Exception e) when (e is WorkflowException or ArgumentException or FormatException or Expressions.ExpressionException)
            {
                throw new ConfigurationException($"schedules.{schedule.Name}: a run fired now would not start: {host.Configuration.Secrets.Mask(e.Message)}");
            }
        }
    }
}
