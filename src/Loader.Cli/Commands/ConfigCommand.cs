using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Workflows;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader config</c>: the merged configuration, each key with the layer that set it, secrets masked: those of
/// secret-sounding keys and the values of workflows' <c>secret: true</c> parameters set in a config section.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("config", "Show the merged configuration and where each value comes from (secrets masked)");
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var host = LoaderHost.Create(parse, global);
            var configuration = host.Configuration;
            // A workflow file with problems still says which of its parameters are secret, when it can be read at all.
            var secretParameters = WorkflowCatalog.Load([host.WorkflowFolder], host.Steps).SecretParameterKeys();
            foreach (var key in secretParameters)
            {
                configuration.Secrets.Add(configuration[key]);
            }
            var rows = configuration.Keys.Order(StringComparer.OrdinalIgnoreCase)
                .Select(key => (key, value: configuration.IsSecret(key) || secretParameters.Contains(key) ? "***" : configuration.Secrets.Mask(configuration[key] ?? ""), source: configuration.SourceOf(key) ?? ""))
                .ToList();
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(rows.Select(r => new { r.key, r.value, r.source }));
                return Task.FromResult(0);
            }
            var table = new Table().AddColumns("Key", "Value", "From");
            foreach (var (key, value, source) in rows)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(value), Markup.Escape(source));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        }));
        return command;
    }
}
