using Loader.Cli.Hosting;
using Loader.Configuration;
using Loader.Planning;
using Loader.Tasks;
using Loader.Scheduling.Schedules;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>Checks, before a service starts, that every schedule names a workflow and that a run fired now would bind.</summary>
internal static class ScheduleCheck
{
    public static void ThrowIfInvalid(IReadOnlyList<Schedule> schedules, WorkflowCatalog catalog, LoaderHost host)
    {
        foreach (var schedule in schedules)
        {
            if (catalog.Find(schedule.Workflow) is null)
            {
                throw new ConfigurationException(
                    $"schedules.{schedule.Name}.workflow is '{schedule.Workflow}': no such workflow in {host.WorkflowFolder} (workflows: {string.Join(", ", catalog.Workflows.Select(w => w.Name))})");
            }
            try
            {
                var now = host.Clock.GetUtcNow();
                var arguments = schedule.ArgumentsAt(schedule.NextFire(now) ?? now);
                new GraphBinder(catalog, host.Configuration, host.Parameters, host.Steps.ConfigSections).Bind(schedule.Workflow, arguments);
            }
            catch (Exception e) when (e is WorkflowException or ArgumentException or FormatException or Expressions.ExpressionException)
            {
                throw new ConfigurationException($"schedules.{schedule.Name}: a run fired now would not start: {e.Message}");
            }
        }
    }
}
