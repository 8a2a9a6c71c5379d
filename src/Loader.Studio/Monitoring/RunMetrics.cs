using Loader.Events;
using Prometheus;

namespace Loader.Studio.Monitoring;

/// <summary>
/// Counts what passes through the Studio's runs, whether started on the page or by a schedule: runs and attempts by how
/// they ended, and how long attempts took per task. It is one more sink of each run's events.
/// </summary>
internal sealed class RunMetrics : IRunEventSink
{
    // From a quick check to a long nightly load.
    private static readonly double[] DurationBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

    private readonly Counter _runs;
    private readonly Counter _attempts;
    private readonly Histogram _durations;

    public RunMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _runs = factory.CreateCounter("loader_runs_total", "Runs ended, by workflow and status (succeeded, failed, cancelled, incomplete).", "workflow", "status");
        _attempts = factory.CreateCounter("loader_task_attempts_total", "Task attempts ended, by task and status (succeeded, failed, missing-data, cancelled).", "family", "status");
        _durations = factory.CreateHistogram("loader_task_attempt_duration_seconds", "How long task attempts took, by task.", ["family"],
            new HistogramConfiguration { Buckets = DurationBuckets });
    }

    public void Emit(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunFinished finished:
                _runs.WithLabels(finished.Result.Plan.Graph.Root.Workflow.Name, finished.Result.Status.ToString().ToLowerInvariant()).Inc();
                break;
            case TaskSucceeded succeeded:
                Attempt(succeeded.Task.Family, "succeeded", succeeded.At - succeeded.Started);
                break;
            case TaskFailed failed:
                Attempt(failed.Task.Family, failed.DataMissing ? "missing-data" : "failed", failed.At - failed.Started);
                break;
            case TaskCancelled cancelled:
                Attempt(cancelled.Task.Family, "cancelled", cancelled.At - cancelled.Started);
                break;
        }
    }

    private void Attempt(string family, string status, TimeSpan duration)
    {
        _attempts.WithLabels(family, status).Inc();
        _durations.WithLabels(family).Observe(Math.Max(0, duration.TotalSeconds));
    }
}
