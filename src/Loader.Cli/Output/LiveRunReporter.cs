using System.Collections.Concurrent;
using Loader.Events;
using Loader.Running;
using Loader.Tasks;
using Spectre.Console;

namespace Loader.Cli.Output;

/// <summary>Spectre.Console live progress on a terminal: an overall bar and, for runs of a few hundred tasks, a row per running task.</summary>
internal sealed class LiveRunReporter(bool verbose) : ConsoleRunReporter
{
    private const int RowLimit = 300;
    private readonly ConcurrentDictionary<TaskInstance, ProgressTask> _rows = new();
    private readonly ConcurrentQueue<string> _failures = new(); // markup
    private readonly ConcurrentQueue<string> _notices = new();
    private string _title = "";
    private ProgressContext? _context;
    private ProgressTask? _overall;
    private bool _rowsShown;

    /// <inheritdoc />
    public override Task<RunResult> WrapAsync(Func<Task<RunResult>> run) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await run();
            });

    /// <inheritdoc />
    public override void Emit(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunStarted started when _context is not null:
                var total = started.Plan.Entries.Count(e => e.WillRun);
                _rowsShown = total <= RowLimit || verbose;
                _title = $"{started.Plan.Graph.Root.Workflow.Name} (run {started.RunId})";
                _overall = _context.AddTask(Markup.Escape(_title), maxValue: Math.Max(total, 1));
                if (total == 0)
                {
                    _overall.Value = _overall.MaxValue;
                }
                break;
            case TaskStarted s when _rowsShown && _context is not null:
                var row = _context.AddTask(Markup.Escape("  " + s.Task.Id.Text)).IsIndeterminate();
                _rows[s.Task] = row;
                break;
            case TaskProgress p when _rows.TryGetValue(p.Task, out var progressRow):
                progressRow.Description = Markup.Escape($"  {p.Task.Id.Text}: {p.Message}");
                break;
            case TaskSucceeded s:
                Done(s.Task);
                _overall?.Increment(1);
                break;
            case TaskFailed f:
                Done(f.Task);
                if (!f.WillRetry)
                {
                    _overall?.Increment(1);
                    var label = f.DataMissing ? "[yellow]waiting[/]" : "[red]failed[/]";
                    _failures.Enqueue($"{label} {Markup.Escape($"{f.Task.Id.Text}: {f.Error}" + (f.LogPath is null ? "" : $" [log: {f.LogPath}]"))}");
                }
                break;
            case TaskCancelled c:
                Done(c.Task);
                break;
            case RunNotice n:
                _notices.Enqueue($"[{n.At.ToLocalTime():HH:mm:ss}] {n.Message}");
                if (_overall is not null)
                {
                    _overall.Description = Markup.Escape($"{_title}: {n.Message}");
                }
                break;
        }
    }

    /// <inheritdoc />
    public override void Finish(RunResult result)
    {
        foreach (var notice in _notices)
        {
            AnsiConsole.WriteLine(notice);
        }
        foreach (var failure in _failures)
        {
            AnsiConsole.MarkupLine(failure);
        }
        base.Finish(result);
    }

    private void Done(TaskInstance task)
    {
        if (_rows.TryRemove(task, out var row))
        {
            row.StopTask();
        }
    }
}
