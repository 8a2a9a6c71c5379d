using Loader.Cli.Hosting;
using Loader.Planning;
using Loader.Reporting;
using Loader.Steps;

namespace Loader.Cli.Output;

/// <summary>Prints a plan: each task's decision and reason; large plans collapse per family and decision unless --verbose.</summary>
internal static class PlanPrinter
{
    private const int DetailLimit = 200;

    public static void Print(RunPlan plan, OutputFormat format, bool verbose, SecretMasker masker)
    {
        if (format == OutputFormat.Json)
        {
            Json.Print(new
            {
                workflow = plan.Graph.Root.Workflow.Name,
                parameters = plan.Graph.Root.Workflow.Parameters.ToDictionary(p => p.Name, p => masker.Mask(plan.Graph.RootValue(p.Name))),
                plannedAt = plan.PlannedAt,
                counts = Enum.GetValues<PlanDecision>().Where(d => plan.Count(d) > 0).ToDictionary(d => Json.Name(d), plan.Count),
                tasks = plan.Entries.Select(e => new
                {
                    task = e.Task.Id.Text,
                    key = e.Task.Id.Key,
                    family = e.Task.Family,
                    date = e.Task.Date,
                    hour = e.Task.Hour?.ToString(),
                    decision = Json.Name(e.Decision),
                    reason = masker.Mask(e.Reason),
                    outputs = e.Task.Outputs.Select(o => masker.Mask(o.Location)),
                    requires = e.Task.Requires.Where(r => plan.For(r) is not null).Select(r => r.Id.Key),
                }),
            });
            return;
        }
        var counts = string.Join(", ", Enum.GetValues<PlanDecision>().Where(d => plan.Count(d) > 0).Select(d => $"{plan.Count(d)} {Word(d)}"));
        Console.Out.WriteLine($"Plan for {plan.Graph.Root.Workflow.Name}: {plan.Entries.Count} tasks" + (counts.Length > 0 ? $" ({counts})" : ""));
        if (plan.Entries.Count <= DetailLimit || verbose)
        {
            // A workflow may declare no tasks at all: its plan is empty.
            var width = plan.Entries.Select(e => e.Task.Id.Text.Length).DefaultIfEmpty(0).Max();
            foreach (var entry in plan.Entries)
            {
                Console.Out.WriteLine($"  {Word(entry.Decision),-9} {entry.Task.Id.Text.PadRight(width)}  {masker.Mask(entry.Reason)}");
            }
            return;
        }
        foreach (var group in plan.Entries.GroupBy(e => (e.Decision, e.Task.Family)).OrderBy(g => g.Min(e => e.Task.Order)))
        {
            foreach (var (count, line) in ParameterRanges.Collapse(group.Select(e => e.Task)))
            {
                Console.Out.WriteLine($"  {Word(group.Key.Decision),-9} {count} {line}  e.g. {masker.Mask(group.First().Reason)}");
            }
        }
    }

    private static string Word(PlanDecision decision) => decision switch
    {
        PlanDecision.Complete => "complete",
        PlanDecision.Run => "run",
        PlanDecision.Overwrite => "overwrite",
        PlanDecision.WaitingExternal => "waiting",
        _ => "blocked",
    };
}
