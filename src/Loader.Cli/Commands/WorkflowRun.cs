using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.Tasks;

namespace Loader.Cli.Commands;

/// <summary>Binds, plans and runs one request; shared by <c>run</c>, <c>plan</c> and the student-load commands.</summary>
internal static class WorkflowRun
{
    public static async Task<int> ExecuteAsync(LoaderHost host, RunRequest request)
    {
        var catalog = host.LoadWorkflows();
        if (!request.Here && catalog.Workflows.FirstOrDefault(w => w.Name == request.Workflow) is { RunsOn: "ssh" } remote)
        {
            return await RemoteRun.ExecuteAsync(host, RemoteRun.For(host, request, catalog, remote));
        }
        var graph = new GraphBinder(catalog, host.Configuration, host.Parameters, host.Steps.ConfigSections)
            .Bind(request.Workflow, request.Arguments, request.Until);
        foreach (var secret in graph.SecretValues())
        {
            host.Configuration.Secrets.Add(secret);
        }
        foreach (var warning in graph.Warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }
        foreach (var note in graph.Notes)
        {
            await Console.Error.WriteLineAsync($"note: {note}");
        }
        using var cancellation = new Cancellation();
        var plan = await new Planner(host.Targets, host.Clock).PlanAsync(graph, request.Forced, cancellation.Token);
        if (request.PlanOnly)
        {
            PlanPrinter.Print(plan, host.Output, host.Verbose, host.Configuration.Secrets);
            return ExitCodes.Success;
        }
        await using var state = await host.OpenStateAsync(cancellation.Token);
        var reporter = ConsoleRunReporter.Create(host.Output, host.Verbose);
        var services = new RunnerServices(state, host.Steps, host.Targets, reporter, host.Clock, host.Configuration);
        var options = new RunOptions
        {
            Workers = request.Workers > 0 ? request.Workers : host.Workers,
            LeaseTtl = host.LeaseTtl,
            WaitForOthers = request.WaitForOthers,
            Today = host.Parameters.Today,
            Parameters = host.Configuration.Secrets.Mask(graph.DescribeParameters()),
            LogFolder = host.LogFolder,
        };
        var result = await reporter.WrapAsync(() => new Runner(services, options).RunAsync(plan, cancellation.Token));
        reporter.Finish(result);
        return result.ExitCode;
    }
}
