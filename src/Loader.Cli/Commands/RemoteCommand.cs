using System.CommandLine;
using Loader.Cli.Completion;
using Loader.Cli.Hosting;
using Loader.Remote;
using Microsoft.Extensions.Configuration;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader remote [--host H --user U] [--workspace NAME] WORKFLOW [params]</c>: runs a workflow on another machine
/// over SSH (edx's remote-task): copies workflows/ and the configuration to its workspace there unless unchanged and
/// starts it; with <c>--wait</c>, streams its output and exits with its exit code. Options override the
/// <c>remote:</c> section.
/// </summary>
internal static class RemoteCommand
{
    public static Command Create(GlobalOptions global)
    {
        var workflow = WorkflowArgument.Create(global, "The workflow to run on the host");
        var settings = new (Option<string?> Option, string Key)[]
        {
            (new Option<string?>("--host") { Description = "The host to run on (default: remote.host)" }, "host"),
            (new Option<string?>("--port") { Description = "Its SSH port (default: remote.port, else 22)" }, "port"),
            (new Option<string?>("--user") { Description = "The user to log in as (default: remote.user)" }, "user"),
            (new Option<string?>("--key") { Description = "A private key file (default: remote.key_file; else the password remote.password)" }, "key_file"),
            (new Option<string?>("--known-hosts") { Description = "A known_hosts file that must vouch for the host key (default ~/.ssh/known_hosts)" }, "known_hosts"),
            (new Option<string?>("--host-key-sha256") { Description = "The host key's pinned SHA256 fingerprint" }, "host_key_sha256"),
            (new Option<string?>("--remote-command") { Description = "How loader is started on the host (default: remote.command, else loader)" }, "command"),
            (new Option<string?>("--install") { Description = "A folder of the executables scripts/pack.sh makes: install the host's there, or update it when its checksum differs, and run with it (default: remote.install)" }, "install"),
            (new Option<string?>("--folder") { Description = "The remote folder workspaces are kept in, under loader-workspaces/ (default: remote.folder, else the login folder)" }, "folder"),
            (new Option<string?>("--workspace", "--remote-name") { Description = "The workspace on the host, kept between runs: state store, data and set-up (default: remote.workspace, else default)" }, "workspace"),
        };
        var wait = new Option<bool>("--wait") { Description = "Stream the run's output, wait for it and exit with its exit code (else it is left running, nohup)" };
        var withSecrets = new Option<bool>("--with-secrets") { Description = "Also copy config/secret.yml (created private, mode 600)" };
        var skipSetup = new Option<bool>("--skip-setup") { Description = "Copy nothing: run with the workflows and configuration the workspace already has" };
        var fresh = new Option<bool>("--fresh") { Description = "Run in a new folder of its own that remembers nothing of earlier runs, instead of the workspace" };
        var command = new Command("remote", "Run a workflow on another machine over SSH, in a workspace there that keeps its state and data between runs; --wait streams its output and carries back its exit code")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(workflow);
        foreach (var (option, _) in settings)
        {
            command.Options.Add(option);
        }
        command.Options.Add(wait);
        command.Options.Add(withSecrets);
        command.Options.Add(skipSetup);
        command.Options.Add(fresh);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            var given = settings
                .Select(s => (s.Key, Value: parse.GetValue(s.Option)))
                .Where(s => s.Value is { Length: > 0 })
                .ToDictionary(s => $"{RemoteSettings.Section}:{s.Key}", s => s.Value);
            var merged = new ConfigurationBuilder().AddConfiguration(host.Configuration.Root).AddInMemoryCollection(given).Build();
            var name = parse.GetValue(workflow)!;
            var catalog = host.LoadWorkflows();
            var (arguments, secrets) = RemoteRun.Split(catalog, catalog.Get(name), WorkflowArguments.Parse(parse.UnmatchedTokens));
            var request = RemoteSettings.Request(merged, name, arguments) with
            {
                SecretParameters = secrets,
                Wait = parse.GetValue(wait),
                SkipSetup = parse.GetValue(skipSetup),
                Fresh = parse.GetValue(fresh),
            };
            if (request.Fresh && (request.SkipSetup || given.ContainsKey($"{RemoteSettings.Section}:workspace")))
            {
                throw new ArgumentException("remote: --fresh makes a new folder, so it takes neither --workspace nor --skip-setup: give one or the other");
            }
            if (parse.GetValue(withSecrets))
            {
                request = request with { WithSecrets = true };
            }
            return await RemoteRun.ExecuteAsync(host, request);
        }));
        return command;
    }
}
