using System.CommandLine;
using Loader.Cli.Completion;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Workflows;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary><c>loader show W</c>: a workflow's parameters and tasks, with their descriptions.</summary>
internal static class ShowCommand
{
    public static Command Create(GlobalOptions global)
    {
        var name = WorkflowArgument.Create(global, "The workflow to show");
        var command = new Command("show", "Show a workflow's parameters and tasks");
        command.Arguments.Add(name);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var host = LoaderHost.Create(parse, global);
            var workflow = host.LoadWorkflows().Get(parse.GetValue(name)!);
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(Describe(workflow));
                return Task.FromResult(0);
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(workflow.Name)}[/]  ({Markup.Escape(workflow.Span.File)})"
                + (workflow.RunsOn == "ssh" ? "  runs on the remote: host (loader run ... --here runs it here)" : ""));
            if (workflow.Description is { } description)
            {
                AnsiConsole.WriteLine(description.Trim());
            }
            var parameters = new Table().Title("Parameters").AddColumns("Name", "Type", "Default", "Flags", "Description");
            foreach (var p in workflow.Parameters)
            {
                var flags = string.Join(" ", new[] { p.Optional ? "optional" : null, p.Significant ? null : "insignificant", p.Secret ? "secret" : null }.OfType<string>());
                parameters.AddRow(Markup.Escape("--" + p.Name), p.Kind.ToString().ToLowerInvariant(),
                    Markup.Escape(p.Secret && p.Default is not null ? "***" : p.Default ?? "(required)"), flags, Markup.Escape(p.Description ?? ""));
            }
            AnsiConsole.Write(parameters);
            var tasks = new Table().Title("Tasks").AddColumns("Task", "Uses", "Fans out", "Requires", "Outputs", "Description");
            foreach (var t in workflow.Tasks)
            {
                tasks.AddRow(Markup.Escape(t.Family), Markup.Escape(t.Uses + (t.RunsOn == "local" ? "" : $" (on {t.RunsOn})")), Markup.Escape(t.PerDay is { } days ? $"per day of {days}" : t.PerHour is { } hours ? $"per hour of {hours}" : ""),
                    Markup.Escape(string.Join(", ", t.Requires.Select(Requirement))),
                    Markup.Escape(string.Join("\n", t.Outputs.Select(o => $"{o.Name}: {o.Path.Text}"))),
                    Markup.Escape(ListCommand.FirstLine(t.Description)));
            }
            AnsiConsole.Write(tasks);
            return Task.FromResult(0);
        }));
        return command;
    }

    internal static string Requirement(Requirement requirement) => requirement switch
    {
        TaskRequirement t => t.Family,
        WorkflowRequirement w => $"workflow {w.Workflow}",
        _ => "?",
    };

    private static object Describe(WorkflowDefinition workflow) => new
    {
        name = workflow.Name,
        description = workflow.Description,
        file = workflow.Span.File,
        runsOn = workflow.RunsOn,
        parameters = workflow.Parameters.Select(p => new
        {
            name = p.Name,
            type = p.Kind.ToString().ToLowerInvariant(),
            @default = p.Secret && p.Default is not null ? "***" : p.Default,
            p.Significant,
            p.Secret,
            choices = p.Choices,
            description = p.Description,
        }),
        tasks = workflow.Tasks.Select(t => new
        {
            name = t.Family,
            uses = t.Uses,
            perDay = t.PerDay,
            perHour = t.PerHour,
            requires = t.Requires.Select(Requirement),
            outputs = t.Outputs.ToDictionary(o => o.Name, o => new { kind = o.Kind.ToString().ToLowerInvariant(), path = o.Path.Text }),
            description = t.Description,
            runsOn = t.RunsOn,
        }),
    };
}
