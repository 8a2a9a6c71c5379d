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
            Description = "Where to listen; every request needs the access token (studio.token in secret.yml, or one made now and printed in the link)",
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
            Console.WriteLine(studio.Token is null
                ? $"Studio at {studio.Link}  (studio.access: open, no token)"
                : $"Studio at {studio.Link}  (open this link: the token in it is required)");
            Console.WriteLine("press Ctrl-C to stop");
            await studio.RunAsync(cancellation.Token);
            return 0;
        }));
        return command;
    }
}
