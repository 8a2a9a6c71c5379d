using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Events;
using Loader.Planning;
using Loader.Running;
using Loader.Tasks;

namespace Loader.Cli.Commands;

/// <summary><c>loader run W [--param value ...]</c>: plan a workflow and run what is missing; <c>loader plan W</c> only plans.</summary>
internal static class RunCommand
{
    public static Command Create(GlobalOptions global, bool planOnly)
    {
        var workflow = new Argument<string>("workflow") { Description = "The workflow to run, such as DailyPipeline" };
        var plan = new Option<bool>("--plan") { Description = "Print the plan, with the reason for each task, and run nothing" };
        var workers = new Option<int>("--workers") { Description = "How many tasks run at once", DefaultValueFactory = _ => 0 };
        var force = new Option<string[]>("--force") { Description = "Rerun every task of this family even when complete (repeatable)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Do not wait for tasks another runner is running; report them and exit 10" };
        var command = new Command(planOnly ? "plan" : "run", planOnly
            ? "Print what 'loader run' would do, and why, without running anything"
            : "Run a workflow: plan what is missing, then run it. Workflow parameters follow as --name value; --Family-name value sets one task's.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(workflow);
        command.Options.Add(force);
        if (!planOnly)
        {
            command.Options.Add(plan);
            command.Options.Add(workers);
            command.Options.Add(noWait);
        }
        command.SetAction(async (parse, _) =>
        {
            var verbose = parse.GetValue(global.Verbose);
            return await CommandGuard.RunAsync(verbose, async () =>
            {
                var host = LoaderHost.Create(parse, global);
                var arguments = WorkflowArguments.Parse(parse.UnmatchedTokens);
                var catalog = host.LoadWorkflows();
                var graph = new GraphBinder(catalog, host.Configuration, host.Parameters, host.Steps.ConfigSections)
                    .Bind(parse.GetValue(workflow)!, arguments);
                foreach (var warning in graph.Warnings)
                {
                    await Console.Error.WriteLineAsync($"warning: {warning}");
                }
                using var cancellation = new Cancellation();
                var forced = (parse.GetValue(force) ?? []).ToHashSet(StringComparer.Ordinal);
                foreach (var family in forced.Where(f => graph.Instances.All(i => i.Family != f)))
                {
                    throw new ArgumentException($"--force {family}: no task of that name is part of this run");
                }
                var runPlan = await new Planner(host.Targets, host.Clock).PlanAsync(graph, forced, cancellation.Token);
                if (planOnly || parse.GetValue(plan))
                {
                    PlanPrinter.Print(runPlan, host.Output, host.Verbose, host.Configuration.Secrets);
                    return ExitCodes.Success;
                }
                await using var state = await host.OpenStateAsync(cancellation.Token);
                var reporter = ConsoleRunReporter.Create(host.Output, host.Verbose);
                var services = new RunnerServices(state, host.Steps, host.Targets, reporter, host.Clock, host.Configuration);
                var options = new RunOptions
                {
                    Workers = parse.GetValue(workers) is > 0 and var n ? n : host.Workers,
                    LeaseTtl = host.LeaseTtl,
                    WaitForOthers = !parse.GetValue(noWait),
                    Today = host.Parameters.Today,
                    Parameters = DescribeParameters(graph, host),
                    LogFolder = host.LogFolder,
                };
                var result = await reporter.WrapAsync(() => new Runner(services, options).RunAsync(runPlan, cancellation.Token));
                reporter.Finish(result);
                return result.ExitCode;
            });
        });
        return command;
    }

    private static string DescribeParameters(TaskGraph graph, LoaderHost host) =>
        host.Configuration.Secrets.Mask(string.Join(" ", graph.Root.Workflow.Parameters
            .Select(p => $"--{p.Name} {(p.Secret ? "***" : Loader.Parameters.ParameterParser.Format(graph.Root.Values[p.Name]))}")));
}
