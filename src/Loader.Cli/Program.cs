using System.CommandLine;
using Loader.Cli.Commands;
using Loader.Cli.Completion;
using Loader.Cli.Hosting;

if (Console.IsOutputRedirected)
{
    // Spectre.Console assumes 80 columns when it cannot ask a terminal; tables in logs read better wider.
    Spectre.Console.AnsiConsole.Profile.Width = 200;
}

var global = new GlobalOptions();
var root = new RootCommand("Loader: declarative workflows with Luigi semantics. A task is done when its outputs exist; 'loader run' runs what is missing.");
global.AddTo(root);
root.Options.OfType<VersionOption>().Single().Action = new BuildVersion();
root.Subcommands.Add(InitCommand.Create(global));
root.Subcommands.Add(RunCommand.Create(global, planOnly: false));
root.Subcommands.Add(RunCommand.Create(global, planOnly: true));
root.Subcommands.Add(ListCommand.Create(global));
root.Subcommands.Add(ShowCommand.Create(global));
root.Subcommands.Add(GraphCommand.Create(global));
root.Subcommands.Add(ValidateCommand.Create(global));
root.Subcommands.Add(HistoryCommand.Create(global));
root.Subcommands.Add(CancelCommand.Create(global));
root.Subcommands.Add(StepsCommand.Create(global));
root.Subcommands.Add(ConfigCommand.Create(global));
root.Subcommands.Add(StudioCommand.Create(global));
root.Subcommands.Add(ServeCommand.Create(global));
root.Subcommands.Add(SchedulesCommand.Create(global));
root.Subcommands.Add(EmrCommand.Create(global));
root.Subcommands.Add(RemoteCommand.Create(global));
root.Subcommands.Add(StudentCommands.Download(global));
root.Subcommands.Add(StudentCommands.LoadStudents(global));
root.Subcommands.Add(CompletionCommand.Create());
root.Subcommands.Add(CompleteCommand.Create(global));

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {ParseErrors.Describe(error.Message)}");
    }
    Console.Error.WriteLine("run 'loader --help' for usage");
    return Loader.Running.ExitCodes.InvalidInput;
}
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
