using System.CommandLine;
using Loader.Cli.Completion;
using Loader.Cli.Hosting;
using Loader.Configuration.Settings;
using Loader.Planning;

namespace Loader.Cli.Commands;

/// <summary><c>loader run W [--param value ...]</c>: plan a workflow and run what is missing; <c>loader plan W</c> only plans.</summary>
internal static class RunCommand
{
    public static Command Create(GlobalOptions global, bool planOnly)
    {
        var workflow = WorkflowArgument.Create(global, "The workflow to run, such as DailyPipeline");
        var plan = new Option<bool>("--plan") { Description = "Print the plan, with the reason for each task, and run nothing" };
        var workers = new Option<int>("--workers") { Description = $"How many tasks run at once, 1 to {RunnerSettings.MaxWorkers} (default: runner.workers in config)" };
        workers.Validators.Add(result =>
        {
            // The token, not the converted value: converting 'abc' would throw instead of refusing.
            if (result.Tokens is [.., var token]
                && !(int.TryParse(token.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    && n is >= 1 and <= RunnerSettings.MaxWorkers))
            {
                result.AddError($"--workers must be a whole number from 1 to {RunnerSettings.MaxWorkers}, not '{token.Value}'");
            }
        });
        var force = new Option<string[]>("--force")
        {
            Description = "Rerun a family (Extract), one instance (Extract(date=2026-01-02)) or days or hours of it (Extract(date=2026-01-02-2026-01-05), FetchLog(hour=2026-01-02T00-2026-01-02T06)) even when complete (repeatable)",
        };
        var forceDownstream = new Option<string[]>("--force-downstream")
        {
            Description = "As --force, and rerun everything in the run that requires what it forces (repeatable)",
        };
        var until = new Option<string[]>("--until") { Description = "Run only this task of the workflow and what it requires (repeatable)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Do not wait for tasks another runner is running; report them and exit 10" };
        var here = new Option<bool>("--here") { Description = "Run on this machine even when the workflow says runs_on: ssh" };
        foreach (var families in new[] { force, forceDownstream, until })
        {
            families.CompletionSources.Add(context => WorkflowCompletions.Families(context.ParseResult, workflow, global));
        }
        var command = new Command(planOnly ? "plan" : "run", planOnly
            ? "Print what 'loader run' would do, and why, without running anything"
            : "Run a workflow: plan what is missing, then run it. Workflow parameters follow as --name value; --Family-name value sets one task's.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(workflow);
        command.Options.Add(force);
        command.Options.Add(forceDownstream);
        command.Options.Add(until);
        command.Options.Add(here);
        if (!planOnly)
        {
            command.Options.Add(plan);
            command.Options.Add(workers);
            command.Options.Add(noWait);
        }
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
            WorkflowRun.ExecuteAsync(LoaderHost.Create(parse, global), new RunRequest(
                parse.GetValue(workflow)!,
                WorkflowArguments.Parse(parse.UnmatchedTokens),
                ForceSpec.ParseAll(parse.GetValue(force) ?? [], parse.GetValue(forceDownstream) ?? []),
                parse.GetValue(until) ?? [],
                planOnly || parse.GetValue(plan),
                parse.GetValue(workers),
                !parse.GetValue(noWait),
                parse.GetValue(here)))));
        return command;
    }
}
