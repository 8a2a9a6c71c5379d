using System.Text;
using Loader.Reporting;

namespace Loader.Running;

/// <summary>The end-of-run report, in Luigi's spirit: each category with its tasks, ranges collapsed, and a verdict.</summary>
public static class ExecutionSummary
{
    private static readonly (TaskOutcome Outcome, string Heading)[] Categories =
    [
        (TaskOutcome.AlreadyComplete, "were already complete"),
        (TaskOutcome.Succeeded, "ran successfully"),
        (TaskOutcome.CompletedElsewhere, "were completed by another runner"),
        (TaskOutcome.Failed, "failed"),
        (TaskOutcome.MissingExternalData, "are waiting for external data"),
        (TaskOutcome.UpstreamFailed, "were not run because something they require failed or is missing"),
        (TaskOutcome.RunningElsewhere, "are being run by another runner"),
        (TaskOutcome.Cancelled, "were cancelled"),
    ];

    /// <summary>The full summary, several lines.</summary>
    public static string Render(RunResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"===== Loader execution summary (run {result.RunId}) =====");
        text.AppendLine($"{result.Outcomes.Count} tasks, of which:");
        foreach (var (outcome, heading) in Categories)
        {
            var tasks = result.Outcomes.Where(o => o.Value.Outcome == outcome).ToList();
            if (tasks.Count == 0)
            {
                continue;
            }
            text.AppendLine($"* {tasks.Count} {heading}:");
            var detailed = outcome is TaskOutcome.Failed or TaskOutcome.MissingExternalData or TaskOutcome.RunningElsewhere;
            if (detailed)
            {
                foreach (var (task, (_, reason)) in tasks.OrderBy(t => t.Key.Order).Take(10))
                {
                    text.AppendLine($"    - {task.Id.Text}: {FirstLine(reason)}");
                }
                if (tasks.Count > 10)
                {
                    text.AppendLine($"    - ... and {tasks.Count - 10} more");
                }
                continue;
            }
            foreach (var (count, line) in ParameterRanges.Collapse(tasks.Select(t => t.Key)))
            {
                text.AppendLine($"    - {count} {line}");
            }
        }
        text.AppendLine(Verdict(result));
        return text.ToString();
    }

    /// <summary>One line of counts, for the run record.</summary>
    public static string Counts(RunResult result) =>
        string.Join(", ", Categories
            .Select(c => (Count: result.Count(c.Outcome), c.Outcome))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} {Words(c.Outcome)}"));

    private static string Verdict(RunResult result) => result.ExitCode switch
    {
        ExitCodes.Success => "This progress looks :) because everything requested is complete",
        ExitCodes.TaskFailed => "This progress looks :( because there were failed tasks",
        ExitCodes.MissingExternalData => "This progress looks :| because external data is missing",
        ExitCodes.RunningElsewhere => "This progress looks :| because another runner is running some tasks",
        ExitCodes.Cancelled => "This progress looks :| because the run was cancelled",
        _ => "This progress looks :|",
    };

    private static string Words(TaskOutcome outcome) => outcome switch
    {
        TaskOutcome.AlreadyComplete => "complete",
        TaskOutcome.Succeeded => "ran",
        TaskOutcome.CompletedElsewhere => "done elsewhere",
        TaskOutcome.Failed => "failed",
        TaskOutcome.MissingExternalData => "missing data",
        TaskOutcome.UpstreamFailed => "upstream failed",
        TaskOutcome.RunningElsewhere => "running elsewhere",
        _ => "cancelled",
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return end < 0 ? text : text[..end] + " ...";
    }
}
