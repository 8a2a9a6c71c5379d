using System.CommandLine;
using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Cli.Init;

namespace Loader.Cli.Commands;

/// <summary><c>loader init [FOLDER]</c>: lays out a new project and says what to run next.</summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions global)
    {
        var folder = new Argument<string>("FOLDER")
        {
            Description = "The project folder, created if missing (default: the current folder)",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command(
            "init",
            "Lay out a new project: a workflow to start from, config/default.yml, a private config/secret.yml and a .gitignore")
        {
            folder,
        };
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var target = parse.GetValue(folder)!;
            if (File.Exists(target))
            {
                await Console.Error.WriteLineAsync($"error: {target} is a file: give a folder for the new project");
                return Running.ExitCodes.InvalidInput;
            }
            var existing = ProjectLayout.Existing(target);
            if (existing.Count > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"error: {Path.GetFullPath(target)} already has {string.Join(", ", existing)}: loader init overwrites nothing. Move them aside, or give another folder (loader init FOLDER)");
                return Running.ExitCodes.InvalidInput;
            }
            ProjectLayout.Write(target);
            Console.Write(NextSteps(target, DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime)));
            return 0;
        }));
        return command;
    }

    /// <summary>What was created in <paramref name="folder"/> and the commands to run next, over the week before <paramref name="today"/>.</summary>
    internal static string NextSteps(string folder, DateOnly today)
    {
        var week = string.Create(CultureInfo.InvariantCulture, $"{today.AddDays(-7):yyyy-MM-dd}-{today:yyyy-MM-dd}");
        var width = ProjectLayout.Files.Max(f => f.Path.Length) + 2;
        var lines = new List<string> { $"Created a Loader project in {Path.GetFullPath(folder)}:" };
        lines.AddRange(ProjectLayout.Files.Select(f => $"  {f.Path.PadRight(width)}{f.Purpose}"));
        lines.Add("");
        lines.Add("Next, from the project folder:");
        if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) != Path.TrimEndingDirectorySeparator(Path.GetFullPath(".")))
        {
            lines.Add($"  cd {Quoted(folder)}");
        }
        lines.Add("  loader validate");
        lines.Add($"  loader run {ProjectLayout.Workflow} --interval {week} --plan");
        lines.Add($"  loader run {ProjectLayout.Workflow} --interval {week}");
        lines.Add("");
        lines.Add("Outputs go to data/ (data_dir in config/default.yml); runs, attempts and logs to .loader/ (loader history shows them).");
        lines.Add("Then replace the commands in workflows/daily-counts.yml with your own; loader steps lists the other step types.");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A folder as a shell reads it back: quoted when it holds anything but plain characters.</summary>
    private static string Quoted(string folder) =>
        folder.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? folder : $"'{folder.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
