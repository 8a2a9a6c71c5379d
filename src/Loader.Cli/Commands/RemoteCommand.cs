using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Remote;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader remote --host H --user U WORKFLOW [params]</c>: runs a workflow on another machine over SSH (edx's
/// remote-task): copies workflows/ and the configuration to a per-run folder there, runs it, streams its output,
/// and exits with its exit code.
/// </summary>
internal static class RemoteCommand
{
    public static Command Create(GlobalOptions global)
    {
        var workflow = new Argument<string>("workflow") { Description = "The workflow to run on the host" };
        var host = new Option<string>("--host") { Description = "The host to run on", Required = true };
        var port = new Option<int>("--port") { Description = "Its SSH port", DefaultValueFactory = _ => 22 };
        var user = new Option<string>("--user") { Description = "The user to log in as", Required = true };
        var key = new Option<string?>("--key") { Description = "A private key file (else the password from remote.password in the configuration)" };
        var knownHosts = new Option<string?>("--known-hosts") { Description = "A known_hosts file that must vouch for the host key (default ~/.ssh/known_hosts)" };
        var fingerprint = new Option<string?>("--host-key-sha256") { Description = "The host key's pinned SHA256 fingerprint" };
        var remoteCommand = new Option<string>("--remote-command") { Description = "How loader is started on the host", DefaultValueFactory = _ => "loader" };
        var folder = new Option<string?>("--folder") { Description = "The remote folder the per-run folder is made in (default: the login folder)" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the run and exit with its exit code (default); --wait false leaves it running", DefaultValueFactory = _ => true };
        var noWait = new Option<bool>("--no-wait") { Description = "Leave the run going (nohup, output to output.log in its folder) and print how to follow it" };
        var withSecrets = new Option<bool>("--with-secrets") { Description = "Also copy config/secret.yml" };
        var command = new Command("remote", "Run a workflow on another machine over SSH, streaming its output; exits with its exit code")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(workflow);
        foreach (var option in new Option[] { host, port, user, key, knownHosts, fingerprint, remoteCommand, folder, wait, noWait, withSecrets })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var loader = LoaderHost.Create(parse, global);
            var pinned = parse.GetValue(fingerprint);
            var known = parse.GetValue(knownHosts);
            if (known is null && pinned is null)
            {
                known = "~/.ssh/known_hosts";
            }
            var request = new RemoteRunRequest
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                User = parse.GetValue(user)!,
                KeyFile = parse.GetValue(key),
                KeyPassphrase = loader.Configuration["remote:key_passphrase"] is { Length: > 0 } passphrase ? passphrase : null,
                Password = loader.Configuration["remote:password"] is { Length: > 0 } password ? password : null,
                KnownHosts = known,
                HostKeySha256 = pinned,
                RemoteCommand = parse.GetValue(remoteCommand)!,
                Folder = parse.GetValue(folder),
                Wait = parse.GetValue(wait) && !parse.GetValue(noWait),
                WithSecrets = parse.GetValue(withSecrets),
                Workflow = parse.GetValue(workflow)!,
                Parameters = [.. parse.UnmatchedTokens],
                WorkflowFolder = parse.GetValue(global.Workflows)!,
                ConfigFolder = parse.GetValue(global.ConfigFolder)!,
                ConfigFiles = parse.GetValue(global.ConfigFiles) ?? [],
            };
            try
            {
                var result = await new RemoteRunner(Console.Out, Console.Error).RunAsync(request, cancellationToken);
                return result.ExitCode;
            }
            catch (RemoteRunException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return Loader.Running.ExitCodes.InvalidInput;
            }
        }));
        return command;
    }
}
