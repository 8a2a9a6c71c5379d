using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Studio.Hosting;

namespace Loader.Cli.Commands;

/// <summary><c>loader studio [--urls URL]</c>: serves the Studio, a local web UI over the workflows, plans and runs, until Ctrl-C.</summary>
internal static class StudioCommand
{
    public static Command Create(GlobalOptions global)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen; any address beyond loopback requires the access token (studio.token in secret.yml, or one generated now)",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("studio", "Serve the Studio: inspect workflows, plans and runs in a browser, start a run and watch it");
        command.Options.Add(urls);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            using var configuration = host.Watch();
            using var cancellation = new Cancellation();
            await using var studio = StudioServer.Create(host.StudioOptions(parse.GetValue(urls)!, configuration));
            await studio.StartAsync(cancellation.Token);
            var address = studio.Address.ToString().TrimEnd('/');
            Console.WriteLine(studio.Token is { } token
                ? $"Studio at {address}/?token={token}  (the token is required: this address is reachable beyond loopback)"
                : $"Studio at {address}/  (loopback only)");
            Console.WriteLine("press Ctrl-C to stop");
            await studio.RunAsync(cancellation.Token);
            return 0;
        }));
        return command;
    }
}
