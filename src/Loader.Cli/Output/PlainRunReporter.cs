using Loader.Events;
using Loader.Planning;

namespace Loader.Cli.Output;

/// <summary>One line per milestone, for logs and CI: every task for small runs, failures and each tenth of the way for large ones.</summary>
internal sealed class PlainRunReporter(bool verbose) : ConsoleRunReporter
{
    private const int DetailLimit = 200;
    private readonly Lock _gate = new();
    private int _total;
    private int _done;
    private int _nextMilestone;

    /// <inheritdoc />
    public override void Emit(RunEvent runEvent)
    {
        lock (_gate)
        {
            var detailed = verbose || _total <= DetailLimit;
            switch (runEvent)
            {
                case RunStarted started:
                    _total = started.Plan.Entries.Count(e => e.WillRun);
                    Line(started.At, $"run {started.RunId} of {started.Plan.Graph.Root.Workflow.Name}: {_total} to run, {started.Plan.Count(PlanDecision.Complete)} already complete");
                    break;
                case TaskStarted s when detailed:
                    Line(s.At, $"started {s.Task.Id.Text}" + (s.Attempt > 1 ? $" (attempt {s.Attempt})" : ""));
                    break;
                case TaskSucceeded s:
                    Progress(s.At);
                    if (detailed)
                    {
                        Line(s.At, $"done    {s.Task.Id.Text} in {(s.At - s.Started).TotalSeconds:0.0}s");
                    }
                    break;
                case TaskFailed f:
                    if (!f.WillRetry)
                    {
                        Progress(f.At);
                    }
                    Line(f.At, $"{(f.WillRetry ? "retry  " : f.DataMissing ? "waiting" : "FAILED ")} {f.Task.Id.Text} (attempt {f.Attempt}): {f.Error}" + (f.LogPath is null ? "" : $" [log: {f.LogPath}]"));
                    break;
                case TaskCancelled c:
                    Line(c.At, $"cancelled {c.Task.Id.Text}");
                    break;
                case TaskProgress p when detailed:
                    Line(p.At, $"        {p.Task.Id.Text}: {p.Message}");
                    break;
                case RunNotice n:
                    Line(n.At, n.Message);
                    break;
                case TaskSkipped k when detailed:
                    Line(k.At, $"skipped {k.Task.Id.Text}: {k.Reason}");
                    break;
            }
        }
    }

    private void Progress(DateTimeOffset at)
    {
        _done++;
        if (_total > DetailLimit && !verbose && _done * 10 >= _nextMilestone * _total)
        {
            Line(at, $"{_done}/{_total} tasks done ({_done * 100 / _total}%)");
            _nextMilestone = _done * 10 / _total + 1;
        }
    }

    private static void Line(DateTimeOffset at, string text) => Console.Out.WriteLine($"[{at.ToLocalTime():HH:mm:ss}] {text}");
}
