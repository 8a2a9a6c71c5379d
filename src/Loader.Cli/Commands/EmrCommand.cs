using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Emr;
using Loader.Running;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary><c>loader emr status|up|down</c>: the EMR clusters workflows run their <c>emr.step</c> tasks on.</summary>
internal static class EmrCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("emr", "Show, start and stop the EMR clusters 'runs_on: emr' tasks use (settings: the emr: config section)");
        command.Subcommands.Add(Status(global));
        command.Subcommands.Add(Up(global));
        command.Subcommands.Add(Down(global));
        return command;
    }

    private static Command Status(GlobalOptions global)
    {
        var cluster = new Argument<string?>("cluster") { Description = "A cluster id or name: show it with its latest steps", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Include terminated clusters" };
        var command = new Command("status", "List the alive clusters, or one cluster with its latest steps") { cluster, all };
        command.SetAction(async (parse, token) => await Guard(parse, global, async (host, client) =>
        {
            if (parse.GetValue(cluster) is { Length: > 0 } which)
            {
                var id = await EmrClusters.ResolveAsync(client, which, token);
                var found = (await client.DescribeClusterAsync(id, token)).Cluster;
                var steps = (await client.ListStepsAsync(new ListStepsRequest { ClusterId = id }, token)).Steps.Take(20).ToList();
                if (host.Output == OutputFormat.Json)
                {
                    Json.Print(new { cluster = found, steps }, host.Configuration.Secrets);
                    return ExitCodes.Success;
                }
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(found.Id)}[/] {Markup.Escape(found.Name)}: {Markup.Escape(found.Status.State)}  {Markup.Escape(found.ReleaseLabel ?? "")}  logs {Markup.Escape(found.LogUri ?? "-")}");
                var table = new Table().AddColumns("Step", "Name", "State", "Command");
                foreach (var step in steps)
                {
                    table.AddRow(Markup.Escape(step.Id), Markup.Escape(step.Name), Markup.Escape(step.Status.State), Markup.Escape(host.Configuration.Secrets.Mask(string.Join(' ', step.Config?.Args ?? []))));
                }
                AnsiConsole.Write(table);
                return ExitCodes.Success;
            }
            var clusters = await client.ListAllClustersAsync(parse.GetValue(all) ? null : EmrClusters.AliveStates, token);
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(clusters);
                return ExitCodes.Success;
            }
            if (clusters.Count == 0)
            {
                AnsiConsole.WriteLine(parse.GetValue(all) ? "no clusters" : "no alive clusters (loader emr up starts one)");
                return ExitCodes.Success;
            }
            var list = new Table().AddColumns("Cluster", "Name", "State");
            foreach (var c in clusters)
            {
                list.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), Markup.Escape(c.Status.State));
            }
            AnsiConsole.Write(list);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Up(GlobalOptions global)
    {
        var file = new Option<string?>("--file") { Description = "The cluster file (default: emr.cluster_file, else config/emr/cluster.yml)" };
        var timeout = new Option<string?>("--timeout") { Description = "How long to wait for WAITING (default: emr.start_timeout, else 30m)" };
        var command = new Command("up", "Find the alive cluster named in the cluster file, or create it; wait until it is WAITING") { file, timeout };
        command.SetAction(async (parse, token) => await Guard(parse, global, async (host, client) =>
        {
            var spec = ClusterSpec.Load(parse.GetValue(file) ?? client.Settings.ClusterFile ?? EmrSettings.DefaultClusterFile);
            var wait = parse.GetValue(timeout) is { } given ? Loader.Parameters.Durations.Parse(given) : client.Settings.StartTimeout;
            var (id, created) = await EmrClusters.UpAsync(client, spec, line => Console.Error.WriteLine(line), wait, token);
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(new { cluster = id, created });
            }
            else
            {
                Console.Out.WriteLine(id);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Down(GlobalOptions global)
    {
        var cluster = new Argument<string>("cluster") { Description = "A cluster id or the name of an alive cluster" };
        var command = new Command("down", "Terminate a cluster") { cluster };
        command.SetAction(async (parse, token) => await Guard(parse, global, async (_, client) =>
        {
            var id = await EmrClusters.ResolveAsync(client, parse.GetValue(cluster)!, token);
            await client.TerminateJobFlowsAsync([id], token);
            Console.Out.WriteLine($"terminating {id}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task<int> Guard(ParseResult parse, GlobalOptions global, Func<LoaderHost, EmrClient, Task<int>> action) =>
        CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            using var client = new EmrClient(EmrSettings.From(host.Configuration.Root));
            try
            {
                return await action(host, client);
            }
            catch (EmrException e) when (e.Transient)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}; try again later");
                return ExitCodes.InternalError;
            }
            catch (Exception e) when (e is EmrException or EmrClusterException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Amazon.Runtime.AmazonClientException e)
            {
                await Console.Error.WriteLineAsync($"error: no AWS credentials for EMR ({e.Message}): set emr.access_key and emr.secret_key, or configure the AWS SDK's credential chain (AWS_PROFILE, ~/.aws/credentials, an instance role)");
                return ExitCodes.InvalidInput;
            }
        });
}
