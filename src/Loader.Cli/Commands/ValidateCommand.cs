using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Running;
using Loader.Scheduling.Schedules;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader validate [paths]</c>: checks workflow files and prints every problem as file:line:column: message; without paths,
/// also that every schedule of configuration would start.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("paths") { Description = "Workflow files or folders (default: the workflow folder)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("validate", "Check workflow files; exit 2 when any has a problem");
        command.Arguments.Add(paths);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var host = LoaderHost.Create(parse, global);
            var given = parse.GetValue(paths) is { Length: > 0 } p ? p : [host.WorkflowFolder];
            var catalog = WorkflowCatalog.Load(given, host.Steps);
            host.NoteSkipped(catalog);
            if (catalog.Problems.Count == 0 && parse.GetValue(paths) is not { Length: > 0 })
            {
                // The whole workflow folder is what the schedules run: check that they would start, as loader serve does.
                ScheduleCheck.ThrowIfInvalid(ScheduleConfig.Read(host.Configuration), catalog, host);
            }
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(new
                {
                    valid = catalog.Problems.Count == 0,
                    files = catalog.Files,
                    problems = catalog.Problems.Select(d => new { file = d.Span.File, line = d.Span.Line, column = d.Span.Column, message = d.Message }),
                });
            }
            else if (catalog.Problems.Count == 0)
            {
                Console.Out.WriteLine($"{catalog.Files.Count} workflow files, {catalog.Workflows.Count} workflows: valid");
            }
            else
            {
                foreach (var problem in catalog.Problems)
                {
                    Console.Error.WriteLine($"{problem}");
                }
                var files = catalog.Problems.Select(d => d.Span.File).Distinct().Count();
                Console.Error.WriteLine($"{catalog.Problems.Count} problem{(catalog.Problems.Count == 1 ? "" : "s")} in {files} file{(files == 1 ? "" : "s")}");
            }
            return Task.FromResult(catalog.Problems.Count == 0 ? 0 : ExitCodes.InvalidInput);
        }));
        return command;
    }
}
