using Loader.Cli.Tests.Hostile;

namespace Loader.Cli.Tests.Service;

/// <summary>
/// Hostile <c>schedules:</c> sections and <c>loader schedules</c> command lines: each mistake stops the command with exit code 2
/// naming the schedule, the key and the value, and no secret a schedule's run gets is ever printed.
/// </summary>
public sealed class ScheduleCases
{
    private const string Tick = """
        workflow: Tick
        parameters:
          at: string
          token: {type: string, secret: true, default: ""}
        tasks:
          Write:
            uses: shell
            with:
              command: "echo ${at} > '${outputs.done}'"
            outputs:
              done: "data/tick-${at}.txt"
        """;

    private static readonly HostileCases Cases = new()
    {
        Scheduled("a cron that never fires (30 February)", "a", "cron: \"0 0 30 2 *\"\n    parameters:\n      at: x")
            .Running("schedules", "next", "a")
            .Says("schedules.a.cron is '0 0 30 2 *': it never fires"),
        Scheduled("a parameter naming an unknown expression", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: \"${nonsense.x}\"")
            .Says("schedules.a.parameters.at: ${nonsense.x}: is not known in a schedule's parameters"),
        Scheduled("a parameter with an unknown expression stops loader schedules next", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: \"${fire.nonsense}\"")
            .Running("schedules", "next", "a")
            .Says("schedules.a.parameters.at: ${fire.nonsense}"),
        Scheduled("a parameter the workflow lacks", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x\n      colour: red")
            .Says("schedules.a.parameters.colour: workflow 'Tick' has no parameter 'colour'", "its parameters are at, token"),
        Scheduled("parameters written as a list", "a", "cron: \"0 2 * * *\"\n    parameters:\n      - at\n      - x")
            .Says("schedules.a.parameters is written as a list"),
        Scheduled("parameters written as one text", "a", "cron: \"0 2 * * *\"\n    parameters: at")
            .Says("schedules.a.parameters is 'at'"),
        Schedules("schedules written as a list", "schedules:\n  - workflow: Tick\n    cron: \"0 2 * * *\"\n")
            .Running("schedules")
            .Says("schedules.0: schedules is written as a list"),
        Schedules("schedules written as one text", "schedules: nightly\n")
            .Running("run", "Tick", "--at", "x")
            .Says("schedules is 'nightly'"),
        Schedules("a schedule name with a dot", "schedules:\n  a.b:\n    workflow: Tick\n    cron: \"0 2 * * *\"\n")
            .Says("schedules.a.b: a schedule's name may hold letters, digits, '_' and '-' only"),
        Schedules("a schedule name with unicode", "schedules:\n  nächtlich:\n    workflow: Tick\n    cron: \"0 2 * * *\"\n")
            .Says("schedules.nächtlich: a schedule's name"),
        Scheduled("a huge catchup_limit", "a", "cron: \"0 2 * * *\"\n    catchup_limit: 99999999999999")
            .Says("schedules.a.catchup_limit is '99999999999999'", "from 1 to 10,000"),
        Scheduled("an unknown schedule is refused by pause, listing the known ones", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x")
            .Running("schedules", "pause", "nosuch")
            .Says("no schedule 'nosuch' in configuration (schedules: a)"),
        Scheduled("an unknown schedule is refused by resume", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x")
            .Running("schedules", "resume", "nosuch")
            .Says("no schedule 'nosuch' in configuration (schedules: a)"),
        Scheduled("an unknown schedule is refused by run", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x")
            .Running("schedules", "run", "nosuch")
            .Says("no schedule 'nosuch' in configuration (schedules: a)")
            .Afterwards(folder => Assert.Empty(Directory.Exists(folder.Path("data")) ? Directory.GetFiles(folder.Path("data")) : [])),
        Scheduled("schedules next shows a secret parameter masked", "a", "cron: \"*/2 * * * * *\"\n    parameters:\n      at: \"${fire:HHmmss}\"\n      token: hunter2-scheduled")
            .Running("schedules", "next", "a", "--count", "2")
            .ExitsWith(0)
            .Prints("--token ***")
            .NeverSays("hunter2"),
        Scheduled("schedules next as JSON masks a secret parameter", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x\n      token: hunter2-scheduled")
            .Running("schedules", "next", "a", "--output", "json")
            .ExitsWith(0)
            .Prints("\"token\": \"***\"")
            .NeverSays("hunter2"),
        Scheduled("a run of a workflow warns of no schedules key as unread", "a", "cron: \"0 2 * * *\"\n    parameters:\n      at: x")
            .Running("run", "Tick", "--at", "x")
            .ExitsWith(0)
            .NeverSays("schedules:a"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_schedule_clearly(string name) => Cases[name].AssertAsync();

    /// <summary>A case whose configuration has the schedule <paramref name="schedule"/> of workflow Tick with <paramref name="settings"/>.</summary>
    private static HostileCase Scheduled(string name, string schedule, string settings) =>
        Schedules(name, $"schedules:\n  {schedule}:\n    workflow: Tick\n    {settings}\n");

    /// <summary>A case whose configuration ends with <paramref name="yaml"/>; <c>loader validate</c> unless told.</summary>
    private static HostileCase Schedules(string name, string yaml) =>
        new HostileCase(name).WithWorkflow("tick.yml", Tick)
            .WithSetup(folder => File.AppendAllText(folder.Path("config/default.yml"), "\n" + yaml));
}
