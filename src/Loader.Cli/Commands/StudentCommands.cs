using System.CommandLine;
using Loader.Cli.Hosting;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader download</c> and <c>loader load-students</c>: the ART loader scripts' commands, with their flags, as runs of the
/// <c>StudentLoad</c> workflow. With no flags they do today's job from config, so a cron line changes only its program name.
/// </summary>
internal static class StudentCommands
{
    private const string Workflow = "StudentLoad";

    public static Command Download(GlobalOptions global)
    {
        var file = new Option<string?>("--filename", "-f") { Description = "Local file to write the zip into" };
        var remote = new Option<string?>("--remotepath", "-r") { Description = "Remote file to download, e.g. ./Students/CA_students_20171005.zip" };
        var offset = new Option<long?>("--offset", "-o") { Description = "Byte offset to resume from (validated against the local and remote files)" };
        var command = new Command("download", "Download today's student dump over SFTP (resumable) and extract its CSV, as csv_downloader.py did")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(file);
        command.Options.Add(remote);
        command.Options.Add(offset);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var arguments = WorkflowArguments.Parse(parse.UnmatchedTokens);
            Set(arguments, "zip_file", parse.GetValue(file));
            Set(arguments, "remote_path", parse.GetValue(remote));
            Set(arguments, "download_offset", parse.GetValue(offset)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return WorkflowRun.ExecuteAsync(LoaderHost.Create(parse, global),
                new RunRequest(Workflow, arguments, new HashSet<string>(), ["ExtractStudents"], false, 0, true));
        }));
        return command;
    }

    public static Command LoadStudents(GlobalOptions global)
    {
        var dryRun = new Option<bool>("--dryrun", "-y") { Description = "Authenticate, read and map everything, post nothing" };
        var file = new Option<string?>("--file", "-f") { Description = "The CSV file to read students from" };
        var encoding = new Option<string?>("--encoding", "-e") { Description = "The file's encoding (default from config: latin1)" };
        var delimiter = new Option<string?>("--delimiter", "-d") { Description = "The CSV delimiter (default from config: ^)" };
        var offset = new Option<long?>("--offset", "-o") { Description = "Byte offset to start reading at (the header is always read from byte 0)" };
        var number = new Option<long?>("--number", "-n") { Description = "The most students to upload" };
        var command = new Command("load-students", "Load the student CSV into ART, as csv_load_students.py did")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var option in new Option[] { dryRun, file, encoding, delimiter, offset, number })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var arguments = WorkflowArguments.Parse(parse.UnmatchedTokens);
            if (parse.GetValue(file) is { } given && !File.Exists(given))
            {
                // As csv_load_students.py did: a file named by hand must exist; it is never downloaded under that name.
                throw new ArgumentException($"--file {given} does not exist");
            }
            Set(arguments, "csv_file", parse.GetValue(file));
            Set(arguments, "encoding", parse.GetValue(encoding));
            Set(arguments, "delimiter", parse.GetValue(delimiter));
            Set(arguments, "load_offset", parse.GetValue(offset)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(arguments, "number", parse.GetValue(number)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var adHoc = parse.GetValue(dryRun) || parse.GetValue(offset) is not null || parse.GetValue(number) is not null;
            if (parse.GetValue(dryRun))
            {
                arguments["dry_run"] = "true";
            }
            // A dry run or a partial load always runs, and has an identity of its own, so it never marks the nightly load done.
            var forced = adHoc ? new HashSet<string> { "LoadStudents" } : new HashSet<string>();
            return WorkflowRun.ExecuteAsync(LoaderHost.Create(parse, global),
                new RunRequest(Workflow, arguments, forced, ["LoadStudents"], false, 0, true));
        }));
        return command;
    }

    private static void Set(Dictionary<string, string> arguments, string name, string? value)
    {
        if (value is not null)
        {
            arguments[name] = value;
        }
    }
}
