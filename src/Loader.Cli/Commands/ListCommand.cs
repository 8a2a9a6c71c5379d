using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Steps;
using Loader.Workflows;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary><c>loader list</c>: every workflow, with its file and description, and the problems of files that do not validate.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("list", "List the workflows in the workflow folder");
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var host = LoaderHost.Create(parse, global);
            var catalog = WorkflowCatalog.Load([host.WorkflowFolder], host.Steps);
            host.NoteSkipped(catalog);
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(catalog.Workflows.Select(w => new
                {
                    name = w.Name,
                    description = w.Description,
                    file = w.Span.File,
                    tasks = w.Tasks.Count,
                    parameters = w.Parameters.Select(p => p.Name),
                    problems = catalog.Problems.Where(p => p.Span.File == w.Span.File).Select(p => p.ToString()),
                }));
                return Task.FromResult(0);
            }
            var table = new Table().AddColumns("Workflow", "Tasks", "File", "Description");
            foreach (var workflow in catalog.Workflows.OrderBy(w => w.Name, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(workflow.Name), workflow.Tasks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(workflow.Span.File), Markup.Escape(FirstLine(workflow.Description)));
            }
            AnsiConsole.Write(table);
            foreach (var problem in catalog.Problems)
            {
                Console.Error.WriteLine($"error: {problem}");
            }
            return Task.FromResult(catalog.Problems.Count == 0 ? 0 : Running.ExitCodes.InvalidInput);
        }));
        return command;
    }

    internal static string FirstLine(string? text) => text?.Split('\n')[0].Trim() ?? "";
}
