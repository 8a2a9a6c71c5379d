using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary><c>loader steps</c>: every step type with its inputs, types, defaults and help.</summary>
internal static class StepsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("steps", "List the step types a task can use, with their inputs");
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var steps = StepCatalog.Create().Descriptors.ToList();
            if (parse.GetValue(global.Output) == OutputFormat.Json)
            {
                Json.Print(steps);
                return Task.FromResult(0);
            }
            foreach (var step in steps)
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(step.Name)}[/]: {Markup.Escape(step.Summary)}");
                if (step.Inputs.Count == 0)
                {
                    AnsiConsole.WriteLine("  (no inputs)");
                    continue;
                }
                var table = new Table().AddColumns("Input", "Type", "Required", "Default", "Help");
                foreach (var input in step.Inputs)
                {
                    table.AddRow(Markup.Escape(input.Name), input.Type, input.Required ? "yes" : "", Markup.Escape(input.Default ?? ""), Markup.Escape(input.Help));
                }
                AnsiConsole.Write(table);
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
