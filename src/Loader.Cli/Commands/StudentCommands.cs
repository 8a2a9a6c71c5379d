using System.CommandLine;
using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Planning;
using Loader.Students.Csv;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader download</c> and <c>loader load-students</c>: the ART loader scripts' commands, with their flags, as runs of the
/// <c>StudentLoad</c> workflow. With no flags they do today's whole job from config, so a cron line changes only its
/// program name. A flag's mistake is refused before anything runs, naming the flag and what it takes.
/// </summary>
internal static class StudentCommands
{
    private const string Workflow = "StudentLoad";

    public static Command Download(GlobalOptions global)
    {
        var file = new Option<string?>("--filename", "-f") { Description = "Local file to download into (default: named like the remote file, under students.local_dir)" };
        var remote = new Option<string?>("--remotepath", "-r") { Description = "Remote file to download, a zip or a plain CSV, e.g. ./Students/CA_students_20171005.zip" };
        var offset = AtLeast(new Option<long?>("--offset", "-o") { Description = "Byte offset to resume from (checked against the local and remote files)" }, 0);
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
            Set(arguments, "dump_file", parse.GetValue(file));
            Set(arguments, "remote_path", parse.GetValue(remote));
            Set(arguments, "download_offset", Text(parse.GetValue(offset)));
            // The download is a goal of its own: a file named by -f is fetched even when today's CSV was extracted already.
            return WorkflowRun.ExecuteAsync(LoaderHost.Create(parse, global),
                new RunRequest(Workflow, arguments, [], ["DownloadStudents", "ExtractStudents"], false, 0, true));
        }));
        return command;
    }

    public static Command LoadStudents(GlobalOptions global)
    {
        var dryRun = new Option<bool>("--dryrun", "-y") { Description = "Authenticate, read and map everything, post nothing" };
        var file = new Option<string?>("--file", "-f") { Description = "The CSV file to read students from (default: today's extracted CSV)" };
        var encoding = new Option<string?>("--encoding", "-e") { Description = $"The file's encoding: {string.Join(", ", StudentCsvFormat.Encodings)} (default from config: latin1)" };
        var delimiter = new Option<string?>("--delimiter", "-d") { Description = "The CSV delimiter, one ASCII character or tab (default from config: ^)" };
        var offset = AtLeast(new Option<long?>("--offset", "-o") { Description = "Byte offset of a line to start at (the header is always read from byte 0); default: where an interrupted load stopped" }, 0);
        var number = AtLeast(new Option<long?>("--number", "-n") { Description = "The most students to upload (default: all of them)" }, 1);
        encoding.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !StudentCsvFormat.IsEncoding(name))
            {
                result.AddError($"-e/--encoding '{name}' is not supported: use {string.Join(", ", StudentCsvFormat.Encodings)}");
            }
        });
        delimiter.Validators.Add(result =>
        {
            try
            {
                StudentCsvFormat.ParseDelimiter(result.GetValueOrDefault<string?>() ?? "^");
            }
            catch (ArgumentException e)
            {
                result.AddError($"-d/--delimiter: {e.Message}");
            }
        });
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
                throw new ArgumentException($"-f/--file {given} does not exist");
            }
            Set(arguments, "csv_file", parse.GetValue(file));
            Set(arguments, "encoding", parse.GetValue(encoding)?.Trim().ToLowerInvariant());
            Set(arguments, "delimiter", parse.GetValue(delimiter) is "\t" ? "tab" : parse.GetValue(delimiter));
            Set(arguments, "load_offset", Text(parse.GetValue(offset)));
            Set(arguments, "number", Text(parse.GetValue(number)));
            var adHoc = parse.GetValue(dryRun) || parse.GetValue(offset) is not null || parse.GetValue(number) is not null;
            if (parse.GetValue(dryRun))
            {
                arguments["dry_run"] = "true";
            }
            // A dry run or a partial load always runs, and has an identity of its own, so it never marks the nightly load done.
            IReadOnlyList<ForceSpec> forced = adHoc ? [ForceSpec.Parse("LoadStudents")] : [];
            return WorkflowRun.ExecuteAsync(LoaderHost.Create(parse, global),
                new RunRequest(Workflow, arguments, forced, ["LoadStudents"], false, 0, true));
        }));
        return command;
    }

    /// <summary>Refuses a value below <paramref name="min"/> while the command line is parsed (exit 2, nothing run).</summary>
    private static Option<long?> AtLeast(Option<long?> option, long min)
    {
        option.Validators.Add(result =>
        {
            // The token, not the converted value: converting 'abc' would throw instead of refusing.
            if (result.Tokens is [.., var token]
                && !(long.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min))
            {
                var flag = $"{option.Aliases.FirstOrDefault()}/{option.Name}";
                result.AddError($"{flag} must be a whole number of {min} or more, not '{token.Value}'{(min == 1 ? "; leave it out to load every student" : "")}");
            }
        });
        return option;
    }

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Set(Dictionary<string, string> arguments, string name, string? value)
    {
        if (value is not null)
        {
            arguments[name] = value;
        }
    }
}
