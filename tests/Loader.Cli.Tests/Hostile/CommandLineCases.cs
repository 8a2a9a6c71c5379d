namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// Hostile command lines and configuration files given to them: intervals and dates that cannot be, flags without
/// values, parameters given twice or unknown, secret files others can reach, and configuration YAML built to exhaust
/// memory or the stack. Each is refused with a message that names the real problem.
/// </summary>
public sealed class CommandLineCases
{
    private const string Params = """
        workflow: Params
        parameters:
          day: {type: date, default: 2026-01-05}
          count: {type: int, default: 1}
          dry_run: {type: bool, default: false}
          span: {type: interval, default: 2026-01-05}
        tasks:
          Stamp:
            uses: noop
        """;

    private static readonly HostileCases Cases = new()
    {
        // Intervals and dates that cannot be.
        Interval("2026-01-10-2026-01-05", "its end 2026-01-05 is before its start 2026-01-10; write the earlier date first"),
        Interval("2014-W53", "2014 has 52 ISO weeks, so there is no week 53"),
        Interval("2015-W54", "2015 has 53 ISO weeks, so there is no week 54"),
        Interval("2026-W00", "2026 has 53 ISO weeks, so there is no week 00"),
        Interval("today+5000000", "'today+5000000' is out of range: dates run from 0001-01-01 to 9999-12-31"),
        Interval("today-5000000", "'today-5000000' is out of range"),
        Interval("today+99999999999999999999", "is out of range"),
        Interval("9999-12-31", "it runs past 9999-12-31, the last date there is"),
        Interval("9999", "it runs past 9999-12-31"),
        Interval("2026-02-30", "that month or day does not exist"),
        Interval("2026-13", "that month or day does not exist"),
        Interval("2026-02-30-2026-03-02", "that month or day does not exist"),
        Interval("0000-01", "that month or day does not exist"),
        Interval("next-week", "use 2016, 2016-05, 2016-W05"),
        new HostileCase("an empty interval given with = is refused showing the forms")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval=")
            .Says("parameter 'interval'", "invalid date interval ''", "2016-01-01-2016-02-01 (end excluded)"),
        new HostileCase("a date out of range is refused saying so")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--day", "today+5000000")
            .Says("parameter 'day'", "'today+5000000' is out of range: dates run from 0001-01-01 to 9999-12-31")
            .NeverSays("Value to add"),
        new HostileCase("a date that does not exist is refused")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--day", "2026-02-30")
            .Says("parameter 'day'", "invalid date '2026-02-30'"),
        new HostileCase("a whole number too big is refused")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--count", "99999999999999999999999")
            .Says("parameter 'count'", "'99999999999999999999999'"),
        new HostileCase("a number with an exponent is not a whole number")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--count", "1e999")
            .Says("parameter 'count'", "'1e999' is not a whole number"),

        // Flags without values, parameters twice or unknown.
        new HostileCase("an interval flag without a value says so instead of reading 'true'")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval")
            .Says("--interval is given without a value: give its interval value, as in --interval VALUE")
            .NeverSays("'true'"),
        new HostileCase("a number flag without a value followed by another flag says so")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--overwrite_n_days", "--interval", "2026-01")
            .Says("--overwrite_n_days is given without a value: give its int value")
            .NeverSays("'true'"),
        new HostileCase("a task's parameter without a value says so")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--Stamp-day")
            .Says("--Stamp-day is given without a value"),
        new HostileCase("a bare boolean flag is true")
            .WithWorkflow("p.yml", Params)
            .Running("plan", "Params", "--dry_run")
            .ExitsWith(0),
        new HostileCase("a parameter given twice is refused")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", "2026-01", "--interval", "2026-02")
            .Says("parameter --interval is given twice: give it once"),
        new HostileCase("a parameter given twice, once with - and once with _, is refused")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", "2026-01", "--overwrite-n-days", "1", "--overwrite_n_days", "2")
            .Says("parameter --overwrite_n_days is given twice (as --overwrite-n-days and --overwrite_n_days)"),
        new HostileCase("a parameter given twice with = is refused")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval=2026-01", "--interval=2026-02")
            .Says("parameter --interval is given twice"),
        new HostileCase("an unknown parameter lists the real ones")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", "2026-01", "--my-param", "3")
            .Says("unknown parameter --my-param for workflow 'DailyPipeline': its parameters are --interval, --overwrite_n_days"),
        new HostileCase("an unknown parameter of a task names the task")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", "2026-01", "--Extract-nope", "3")
            .Says("unknown parameter --Extract-nope: task 'Extract' has no parameter 'nope'"),
        new HostileCase("a stray argument is named")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", "2026-01", "stray")
            .Says("unexpected argument 'stray'"),
        new HostileCase("an unknown workflow lists the known ones")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "Nope")
            .Says("unknown workflow 'Nope'", "DailyPipeline"),
        new HostileCase("a workflow name with ../ on the command line is just unknown")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("show", "../../etc/passwd")
            .Says("unknown workflow '../../etc/passwd'"),

        new HostileCase("a run id that is not a number says so without a .NET type name")
            .Running("history", "abc")
            .Says("'loader history' takes a whole number here, not 'abc'")
            .NeverSays("System.Int64"),
        new HostileCase("a run id too big for a number says so")
            .Running("history", "99999999999999999999")
            .Says("'loader history' takes a whole number here, not '99999999999999999999'")
            .NeverSays("System."),
        new HostileCase("an unknown --output format lists the formats")
            .Running("--output", "xml", "list")
            .Says("--output takes one of json, text, not 'xml'")
            .NeverSays("Loader.Cli.Hosting"),
        new HostileCase("a --limit that is not a number says so")
            .Running("history", "--limit", "many")
            .Says("--limit must be a whole number of at least 1, not 'many'")
            .NeverSays("System.Int32"),
        new HostileCase("a download offset that is not a number is refused, not a crash")
            .Running("download", "--offset", "abc")
            .Says("-o/--offset must be a whole number of 0 or more, not 'abc'"),
        new HostileCase("a student count that is not a number is refused, not a crash")
            .Running("load-students", "-n", "x")
            .Says("-n/--number must be a whole number of 1 or more, not 'x'"),
        new HostileCase("a --limit of 0 says so")
            .Running("history", "--limit", "0")
            .Says("--limit must be a whole number of at least 1, not '0'"),
        new HostileCase("a workflow folder that does not exist is named without a line")
            .Running("--workflows", "nowhere", "list")
            .Says("nowhere: no such file or folder")
            .NeverSays("nowhere:0:0"),
        new HostileCase("a date format that does not fit says so in the words of parameter types")
            .WithWorkflow("w.yml", "workflow: W\nparameters:\n  d: {type: date, default: 2026-01-05}\ntasks:\n  A:\n    uses: shell\n    with: {command: 'echo ${d:HH}'}\n")
            .Running("run", "W")
            .ExitsWith(30)
            .Prints("workflows/w.yml:7:", "'HH' is not a format for a date")
            .NeverSays("DateOnly"),

        // secret.yml that others can reach.
        Secret(UnixFileMode.OtherWrite, "can be changed by others (mode 602)"),
        Secret(UnixFileMode.OtherRead, "can be read by others (mode 604)"),
        Secret(UnixFileMode.GroupRead, "can be read by its group (mode 640)"),
        Secret(UnixFileMode.GroupWrite, "can be changed by its group (mode 620)"),
        Secret(UnixFileMode.OtherRead | UnixFileMode.OtherWrite, "can be read and changed by others (mode 606)"),
        Secret(UnixFileMode.GroupRead | UnixFileMode.OtherRead, "can be read by group and others (mode 644)"),
        Secret(UnixFileMode.OtherExecute, "can be executed by others (mode 601)"),

        // Configuration files: YAML limits and errors with their reason and line.
        new HostileCase("a configuration file with a tab names the tab's line and column")
            .WithFile("extra.yml", "runner:\n\tworkers: 2\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:2:1: malformed YAML", "tab", "indent with spaces")
            .NeverSays("Failed to load configuration"),
        new HostileCase("an alias bomb in a configuration file is refused at once")
            .WithFile("extra.yml", ConfigBomb())
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:", "aliases expand to more than 200,000 values"),
        new HostileCase("an alias bomb in secret.yml is refused at once")
            .WithSetup(folder => folder.WithSecret(ConfigBomb(), UnixFileMode.UserRead | UnixFileMode.UserWrite))
            .Running("config")
            .Says("config/secret.yml:", "aliases expand"),
        new HostileCase("an alias bomb in default.yml stops every command")
            .WithFile("config/default.yml", ConfigBomb())
            .Running("list")
            .Says("config/default.yml:", "aliases expand"),
        new HostileCase("30,000 nested levels in a configuration file are refused without a stack overflow")
            .WithFile("extra.yml", "runner: " + new string('[', 30_000) + new string(']', 30_000) + "\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:1:", "nest more than 64 levels deep"),
        new HostileCase("30,000 nested mappings in a configuration file are refused")
            .WithFile("extra.yml", string.Concat(Enumerable.Repeat("{a: ", 30_000)) + "1" + new string('}', 30_000) + "\n")
            .Running("--config", "extra.yml", "run", "Anything")
            .Says("extra.yml:1:", "nest more than 64 levels deep"),
        new HostileCase("a configuration file over 1 MiB is refused unread")
            .WithFile("extra.yml", "runner: {workers: 2}\n" + new string('#', 1100 * 1024) + "\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml: the file is", "at most 1,048,576 bytes"),
        new HostileCase("a configuration file that is a list says what it should be")
            .WithFile("extra.yml", "- runner\n- workers\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:1:1: a configuration file is one mapping of sections and keys")
            .NeverSays("Failed to load configuration"),
        new HostileCase("a configuration file with a duplicate key names the key and line")
            .WithFile("extra.yml", "runner:\n  workers: 2\nrunner:\n  workers: 3\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:3:1: malformed YAML: Duplicate key runner")
            .NeverSays("Failed to load configuration"),
        new HostileCase("a configuration file with an unclosed bracket names its line")
            .WithFile("extra.yml", "runner: {workers: 2\n")
            .Running("--config", "extra.yml", "config")
            .Says("extra.yml:2:1: malformed YAML"),
        new HostileCase("a malformed secret.yml names its line")
            .WithSetup(folder => folder.WithSecret("database:\n  password: 'open\n", UnixFileMode.UserRead | UnixFileMode.UserWrite))
            .Running("config")
            .Says("config/secret.yml:2:13: malformed YAML")
            .NeverSays("Failed to load configuration"),
        new HostileCase("a configuration file given as a folder says so")
            .WithSetup(folder => folder.WithFolder("extra.yml"))
            .Running("--config", "extra.yml", "config")
            .Says("configuration file extra.yml is a folder (given with --config)"),
        new HostileCase("a missing configuration file is named")
            .Running("--config", "missing.yml", "config")
            .Says("configuration file missing.yml not found (given with --config)"),
        new HostileCase("a FIFO given as a configuration file is refused without waiting")
            .WithFifo("pipe.yml")
            .Running("--config", "pipe.yml", "config")
            .Says("pipe.yml: not a regular file"),
        new HostileCase("/dev/zero given as a configuration file is refused at once")
            .Running("--config", "/dev/zero", "config")
            .Says("/dev/zero: not a regular file"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_command_line_clearly(string name) => Cases[name].AssertAsync();

    private static HostileCase Interval(string interval, string why) =>
        new HostileCase($"--interval {interval} is refused saying why")
            .WithSetup(folder => folder.WithDailyPipeline())
            .Running("plan", "DailyPipeline", "--interval", interval)
            .Says("parameter 'interval'", why)
            .NeverSays("Value to add", "(Parameter");

    private static HostileCase Secret(UnixFileMode exposed, string says) =>
        new HostileCase($"a secret.yml that {says} is refused saying so")
            .WithSetup(folder => folder.WithSecret("database:\n  password: hunter22\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | exposed))
            .Running("config")
            .Says($"config/secret.yml {says}", "chmod 600 config/secret.yml")
            .NeverSays("hunter22");

    private static string ConfigBomb()
    {
        var bomb = new System.Text.StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }
        return bomb.ToString();
    }
}
