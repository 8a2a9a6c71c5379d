using Loader.Events;

namespace Loader.Studio.Runs;

/// <summary>A run event as the page reads it: a type, the task it concerns, and what happened.</summary>
internal static class RunEventView
{
    public static object Of(RunEvent e) => e switch
    {
        RunStarted s => new { type = "run-started", runId = s.RunId, at = s.At, tasks = s.Plan.Entries.Count(p => p.WillRun) },
        TaskStarted s => new { type = "task-started", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), attempt = s.Attempt },
        TaskProgress s => new { type = "task-progress", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), message = s.Message },
        TaskSucceeded s => new { type = "task-succeeded", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), attempt = s.Attempt },
        TaskFailed s => new { type = "task-failed", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), attempt = s.Attempt, error = s.Error, willRetry = s.WillRetry, dataMissing = s.DataMissing },
        TaskCancelled s => new { type = "task-cancelled", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), attempt = s.Attempt },
        TaskSkipped s => new { type = "task-skipped", runId = s.RunId, at = s.At, key = s.Task.Id.Key, task = s.Task.Id.Text, family = s.Task.Family, date = Day(s.Task), hour = s.Task.Hour?.ToString(), outcome = s.Outcome.ToString().ToLowerInvariant(), reason = s.Reason },
        RunNotice s => new { type = "run-notice", runId = s.RunId, at = s.At, message = s.Message },
        RunFinished s => new { type = "run-finished", runId = s.RunId, at = s.At, exitCode = s.Result.ExitCode },
        _ => new { type = "other", runId = e.RunId, at = e.At },
    };

    private static string? Day(Loader.Tasks.TaskInstance task) =>
        task.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
