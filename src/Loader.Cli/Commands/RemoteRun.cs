using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Remote;
using Loader.Running;

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

    /// <summary>The <c>loader run</c> arguments that say the same as <paramref name="request"/> on the host.</summary>
    public static IReadOnlyList<string> Arguments(RunRequest request)
    {
        var arguments = new List<string>();
        foreach (var (name, value) in request.Arguments)
        {
            arguments.Add("--" + name);
            arguments.Add(value);
        }
        foreach (var family in request.Forced)
        {
            arguments.AddRange(["--force", family]);
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
        return arguments;
    }
}
