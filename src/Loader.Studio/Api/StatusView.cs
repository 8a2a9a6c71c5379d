using System.Globalization;
using Loader.Planning;
using Loader.Tasks;

namespace Loader.Studio.Api;

/// <summary>
/// The state of every task instance in JSON, and per family the count in each state, failed first: the whole shape of
/// the workflow whatever is complete, unlike a plan.
/// </summary>
internal static class StatusView
{
    public static object Of(TaskGraph graph, IReadOnlyList<InstanceStatus> states) => new
    {
        workflow = graph.Root.Workflow.Name,
        parameters = graph.Root.Workflow.Parameters.Select(p => new
        {
            name = p.Name,
            value = graph.RootValue(p.Name),
            source = graph.Root.Sources.GetValueOrDefault(p.Name),
        }),
        counts = Counts(states),
        families = states.GroupBy(s => s.Task.Family).Select(g => new
        {
            family = g.Key,
            perDay = g.First().Task.Definition.PerDay is not null,
            perHour = g.First().Task.Hour is not null,
            instances = g.Count(),
            first = g.Min(s => s.Task.Date)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            last = g.Max(s => s.Task.Date)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            states = Counts(g),
        }),
        instances = states.Select(s => new
        {
            key = s.Task.Id.Key,
            task = s.Task.Id.Text,
            family = s.Task.Family,
            date = s.Task.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            hour = s.Task.Hour?.ToString(),
            state = Kebab(s.State),
            reason = s.Reason,
            requires = s.Task.Requires.Select(r => r.Id.Key),
            lastAttempt = s.LastAttempt is { } last
                ? new { runId = last.RunId, attempt = last.Attempt, status = last.Status.ToString().ToLowerInvariant(), error = last.Error, finished = last.Finished }
                : null,
            holder = s.Lease is { } lease ? LeaseView.Of(lease) : null,
        }),
        warnings = graph.Warnings,
    };

    /// <summary>The state's name in JSON: <c>failed</c>, <c>running</c>, <c>waiting-for-data</c>, <c>missing</c>, <c>overwrite-window</c>, <c>complete</c>.</summary>
    public static string Kebab(InstanceState state) => state switch
    {
        InstanceState.WaitingForData => "waiting-for-data",
        InstanceState.OverwriteWindow => "overwrite-window",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>How many instances are in each state that occurs, failed first.</summary>
    private static Dictionary<string, int> Counts(IEnumerable<InstanceStatus> states) =>
        states.GroupBy(s => s.State).OrderBy(g => g.Key).ToDictionary(g => Kebab(g.Key), g => g.Count());
}
