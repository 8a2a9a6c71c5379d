using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Remote;
using Loader.Running;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>Runs a workflow on another host over SSH: for <c>loader remote</c> and for <c>loader run</c> of a <c>runs_on: ssh</c> workflow.</summary>
internal static class RemoteRun
{
    /// <summary>Copies this project's workflows and configuration to the host, runs there, and returns the remote exit code.</summary>
    public static async Task<int> ExecuteAsync(LoaderHost host, RemoteRunRequest request)
    {
        request = request with
        {
            WorkflowFolder = host.WorkflowFolder,
            ConfigFolder = host.Parse.GetValue(host.Options.ConfigFolder)!,
            ConfigFiles = host.Parse.GetValue(host.Options.ConfigFiles) ?? [],
        };
        using var cancellation = new Cancellation();
        try
        {
            return (await new RemoteRunner(Console.Out, Console.Error).RunAsync(request, cancellation.Token)).ExitCode;
        }
        catch (RemoteRunException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellation.Token.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>
    /// Splits workflow arguments in two: secret parameter values, as configuration keys (<c>Workflow:param</c> or
    /// <c>Family:param</c>) for the host's private file, and the rest as <c>--name value</c> for its command line.
    /// </summary>
    public static (List<string> Arguments, Dictionary<string, string> Secrets) Split(
        WorkflowCatalog catalog, WorkflowDefinition workflow, IReadOnlyDictionary<string, string> given)
    {
        var arguments = new List<string>();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            var argument = catalog.Resolve(workflow, name);
            if (argument.Spec is { Secret: true })
            {
                secrets[$"{argument.Family ?? workflow.Name}:{argument.Parameter}"] = value;
            }
            else
            {
                arguments.AddRange(value == ParameterArgument.NoValue ? ["--" + name] : ["--" + name, value]);
            }
        }
        return (arguments, secrets);
    }

    /// <summary>The request that runs <paramref name="request"/> of <paramref name="workflow"/> on the host the <c>remote:</c> section names.</summary>
    public static RemoteRunRequest For(LoaderHost host, RunRequest request, WorkflowCatalog catalog, WorkflowDefinition workflow)
    {
        var (arguments, secrets) = Split(catalog, workflow, request.Arguments);
        foreach (var spec in request.Forced)
        {
            arguments.AddRange(spec.Arguments());
        }
        foreach (var family in request.Until)
        {
            arguments.AddRange(["--until", family]);
        }
        if (request.PlanOnly)
        {
            arguments.Add("--plan");
        }
        if (request.Workers > 0)
        {
            arguments.AddRange(["--workers", request.Workers.ToString(CultureInfo.InvariantCulture)]);
        }
        if (!request.WaitForOthers)
        {
            arguments.Add("--no-wait");
        }
        return RemoteSettings.Request(host.Configuration.Root, request.Workflow, arguments) with { SecretParameters = secrets };
    }
}
