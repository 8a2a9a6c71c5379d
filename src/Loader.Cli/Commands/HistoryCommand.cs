using System.CommandLine;
using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.State;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader history [--workflow W] [--limit N]</c> lists runs; <c>loader history RUN_ID</c> shows one run's attempts;
/// <c>loader history prune</c> (<see cref="HistoryPruneCommand"/>) removes old history.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions global)
    {
        var runId = new Argument<long?>("run") { Description = "A run id: show its attempts", Arity = ArgumentArity.ZeroOrOne };
        var workflow = new Option<string?>("--workflow") { Description = "Only runs of this workflow" };
        var limit = new Option<int>("--limit") { Description = "How many runs, newest first", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            // The token, not the converted value: converting 'many' would throw instead of refusing.
            if (result.Tokens is [.., var token]
                && !(int.TryParse(token.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1))
            {
                result.AddError($"--limit must be a whole number of at least 1, not '{token.Value}'");
            }
        });
        var command = new Command("history", "List past runs, or show one run's task attempts; 'loader history prune' removes old history");
        command.Subcommands.Add(HistoryPruneCommand.Create(global));
        command.Arguments.Add(runId);
        command.Options.Add(workflow);
        command.Options.Add(limit);
        command.SetAction(async (parse, cancellationToken) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            await using var state = await host.OpenStateAsync(cancellationToken);
            if (parse.GetValue(runId) is { } id)
            {
                var run = await state.GetRunAsync(id, cancellationToken)
                    ?? throw new ArgumentException($"no run {id} in the history: 'loader history' lists the runs");
                var attempts = await state.GetAttemptsAsync(id, cancellationToken);
                PrintRun(run, attempts, host.Output);
                return 0;
            }
            var runs = await state.ListRunsAsync(parse.GetValue(workflow), parse.GetValue(limit), cancellationToken);
            var fires = (await state.ListFiresAsync(null, 1_000, cancellationToken))
                .Where(f => f.RunId is not null).GroupBy(f => f.RunId!.Value).ToDictionary(g => g.Key, g => g.First());
            PrintRuns(runs, fires, host.Output);
            return 0;
        }));
        return command;
    }

    /// <summary>The runs, each with the schedule fire that started it, if one did (its latest run: a fire waiting for data shows so).</summary>
    private static void PrintRuns(IReadOnlyList<RunRecord> runs, IReadOnlyDictionary<long, FireRecord> fires, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Json.Print(runs.Select(r => Describe(r, fires.GetValueOrDefault(r.Id))));
            return;
        }
        var table = new Table().AddColumns("Run", "Workflow", "Status", "Started", "Took", "Parameters", "Summary", "Schedule");
        foreach (var run in runs)
        {
            var fire = fires.GetValueOrDefault(run.Id);
            table.AddRow(run.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Workflow), Json.Name(run.Status),
                run.Started.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Took(run.Started, run.Finished), Markup.Escape(run.Parameters), Markup.Escape(run.Summary ?? ""),
                fire is null ? "" : Markup.Escape($"{fire.Schedule}: {(fire.Status == FireStatus.Waiting ? "waiting for data" : Scheduling.Scheduler.Status(fire.Status))}"));
        }
        AnsiConsole.Write(table);
    }

    private static void PrintRun(RunRecord run, IReadOnlyList<AttemptRecord> attempts, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Json.Print(new
            {
                run = Describe(run),
                attempts = attempts.Select(a => new
                {
                    task = a.Task,
                    key = a.TaskKey,
                    family = a.Family,
                    attempt = a.Attempt,
                    status = Json.Name(a.Status),
                    started = a.Started,
                    finished = a.Finished,
                    seconds = a.Duration?.TotalSeconds,
                    error = a.Error,
                    log = a.LogPath,
                }),
            });
            return;
        }
        AnsiConsole.MarkupLine(Markup.Escape($"run {run.Id}: {run.Workflow} {run.Parameters} — {Json.Name(run.Status)}, {Took(run.Started, run.Finished)}; {run.Summary}"));
        var table = new Table().AddColumns("Task", "Attempt", "Status", "Took", "Error", "Log");
        foreach (var a in attempts)
        {
            table.AddRow(Markup.Escape(a.Task), a.Attempt.ToString(CultureInfo.InvariantCulture), Json.Name(a.Status),
                Took(a.Started, a.Finished), Markup.Escape(a.Error ?? ""), Markup.Escape(a.LogPath ?? ""));
        }
        AnsiConsole.Write(table);
    }

    private static object Describe(RunRecord run, FireRecord? fire = null) => new
    {
        id = run.Id,
        workflow = run.Workflow,
        status = Json.Name(run.Status),
        started = run.Started,
        finished = run.Finished,
        parameters = run.Parameters,
        runner = run.Runner,
        summary = run.Summary,
        schedule = fire?.Schedule,
        fireTime = fire?.FireTime,
        fire = fire is null ? null : Scheduling.Scheduler.Status(fire.Status),
    };

    private static string Took(DateTimeOffset started, DateTimeOffset? finished) =>
        finished is { } end ? $"{(end - started).TotalSeconds:0.0}s" : "running";
}
