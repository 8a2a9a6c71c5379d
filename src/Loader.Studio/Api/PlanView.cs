using Loader.Planning;
using Loader.State;

namespace Loader.Studio.Api;

/// <summary>A plan in JSON: one entry per task instance (with its day or hour), and one group per family so per-day and per-hour fan-outs collapse.</summary>
internal static class PlanView
{
    public static object Of(RunPlan plan, IReadOnlyDictionary<string, AttemptRecord> latest, IReadOnlyDictionary<string, object> holders) => new
    {
        workflow = plan.Graph.Root.Workflow.Name,
        parameters = plan.Graph.Root.Workflow.Parameters.Select(p => new
        {
            name = p.Name,
            value = plan.Graph.RootValue(p.Name),
            source = plan.Graph.Root.Sources.GetValueOrDefault(p.Name),
        }),
        counts = Enum.GetValues<PlanDecision>().ToDictionary(d => Kebab(d), plan.Count),
        entries = plan.Entries.Select(e => new
        {
            key = e.Task.Id.Key,
            task = e.Task.Id.Text,
            family = e.Task.Family,
            date = e.Task.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            hour = e.Task.Hour?.ToString(),
            decision = Kebab(e.Decision),
            reason = e.Reason,
            requires = e.Task.Requires.Select(r => r.Id.Key),
            lastAttempt = latest.TryGetValue(e.Task.Id.Key, out var last)
                ? new { runId = last.RunId, attempt = last.Attempt, status = last.Status.ToString().ToLowerInvariant(), error = last.Error, finished = last.Finished }
                : null,
            holder = holders.GetValueOrDefault(e.Task.Id.Key),
        }),
        families = plan.Entries.GroupBy(e => e.Task.Family).Select(g => new
        {
            family = g.Key,
            perDay = g.First().Task.Definition.PerDay is not null,
            perHour = g.First().Task.Hour is not null,
            instances = g.Count(),
            first = g.Min(e => e.Task.Hour)?.ToString() ?? g.Min(e => e.Task.Date)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            last = g.Max(e => e.Task.Hour)?.ToString() ?? g.Max(e => e.Task.Date)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            decisions = g.GroupBy(e => e.Decision).ToDictionary(d => Kebab(d.Key), d => d.Count()),
        }),
        warnings = plan.Graph.Warnings,
    };

    public static string Kebab(PlanDecision decision) => decision switch
    {
        PlanDecision.WaitingExternal => "waiting-external",
        _ => decision.ToString().ToLowerInvariant(),
    };
}
