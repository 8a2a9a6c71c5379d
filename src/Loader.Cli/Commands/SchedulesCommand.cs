using System.CommandLine;
using System.Globalization;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Notifications;
using Loader.Scheduling;
using Loader.Scheduling.Schedules;
using Spectre.Console;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader schedules</c>: the schedules of configuration with their next and last fires; <c>next NAME --count N</c> shows the
/// next fire times and each run's parameters; <c>pause</c>, <c>resume</c> and <c>run</c> (fire now, in the foreground).
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("schedules", "List the schedules of configuration: next fire, last fire and its outcome, last success");
        command.SetAction(async (parse, cancellationToken) => await WithSchedulerAsync(parse, global, null, async (host, scheduler, _) =>
        {
            Print(await scheduler.ListAsync(cancellationToken), host.Output);
            return 0;
        }));
        command.Subcommands.Add(Next(global));
        command.Subcommands.Add(Steer(global, "pause", "Stop firing a schedule until it is resumed (every service process sharing the state store obeys)", (s, n, c) => s.PauseAsync(n, c)));
        command.Subcommands.Add(Steer(global, "resume", "Fire a paused schedule again, from its next period on", (s, n, c) => s.ResumeAsync(n, c)));
        command.Subcommands.Add(RunNow(global));
        return command;
    }

    private static Command Next(GlobalOptions global)
    {
        var name = new Argument<string>("name") { Description = "The schedule" };
        var count = new Option<int>("--count") { Description = "How many fire times to show", DefaultValueFactory = _ => 5 };
        count.Validators.Add(result =>
        {
            if (result.Tokens is [.., var token] && !(int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000))
            {
                result.AddError($"--count must be a whole number from 1 to 1000, not '{token.Value}'");
            }
        });
        var command = new Command("next", "Show a schedule's next fire times and the parameters each run would get, to check a cron expression before trusting it");
        command.Arguments.Add(name);
        command.Options.Add(count);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), () =>
        {
            var host = LoaderHost.Create(parse, global);
            var schedule = Find(ScheduleConfig.Read(host.Configuration), parse.GetValue(name)!);
            ScheduleCheck.ThrowIfInvalid([schedule], host.LoadWorkflows(), host);
            var fires = new List<(DateTimeOffset Time, IReadOnlyDictionary<string, string> Arguments)>();
            var after = host.Clock.GetUtcNow();
            while (fires.Count < parse.GetValue(count) && schedule.NextFire(after) is { } next)
            {
                fires.Add((next, schedule.ArgumentsAt(next).ToDictionary(a => a.Key, a => host.Configuration.Secrets.Mask(a.Value), StringComparer.Ordinal)));
                after = next;
            }
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(fires.Select(f => new { fireTime = TimeZoneInfo.ConvertTime(f.Time, schedule.TimeZone), utc = f.Time.UtcDateTime, parameters = f.Arguments }));
                return Task.FromResult(0);
            }
            Console.WriteLine($"{schedule.Name}: {schedule.Workflow}, cron \"{schedule.Cron}\" in {schedule.TimeZone.Id}");
            foreach (var (time, arguments) in fires)
            {
                Console.WriteLine($"  {Scheduler.Local(schedule, time)}  {string.Join(" ", arguments.Select(a => $"--{a.Key} {a.Value}"))}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Steer(GlobalOptions global, string verb, string description, Func<Scheduler, string, CancellationToken, Task> act)
    {
        var name = new Argument<string>("name") { Description = "The schedule" };
        var command = new Command(verb, description);
        command.Arguments.Add(name);
        command.SetAction(async (parse, cancellationToken) => await WithSchedulerAsync(parse, global, parse.GetValue(name), async (_, scheduler, _) =>
        {
            await act(scheduler, parse.GetValue(name)!, cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Command RunNow(GlobalOptions global)
    {
        var name = new Argument<string>("name") { Description = "The schedule" };
        var command = new Command("run", "Fire a schedule now, outside its periods, and run it here in the foreground (recorded as the schedule's fire)");
        command.Arguments.Add(name);
        command.SetAction(async (parse, cancellationToken) => await WithSchedulerAsync(parse, global, parse.GetValue(name), async (host, scheduler, launcher) =>
        {
            var runId = await scheduler.RunNowAsync(parse.GetValue(name)!, cancellationToken);
            await scheduler.SettleAsync(Timeout.InfiniteTimeSpan);
            return launcher.ExitCodeOf(runId);
        }));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a scheduler over this project's state store that runs in this process, once the
    /// schedules check and the schedule <paramref name="name"/> (when given) is one of them.
    /// </summary>
    private static Task<int> WithSchedulerAsync(
        ParseResult parse, GlobalOptions global, string? name, Func<LoaderHost, Scheduler, ForegroundLauncher, Task<int>> action) =>
        CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            var schedules = ScheduleConfig.Read(host.Configuration);
            if (name is not null)
            {
                Find(schedules, name);
            }
            ScheduleCheck.ThrowIfInvalid(schedules, host.LoadWorkflows(), host);
            await using var state = await host.OpenStateAsync(CancellationToken.None);
            var log = new ServiceLog(Console.Error, json: false, host.Clock, () => host.Configuration.Secrets);
            var launcher = new ForegroundLauncher(host, state);
            var scheduler = new Scheduler(
                new SchedulerServices(() => schedules, state, () => launcher,
                    new ScheduleAlerts(() => Notifier.FromConfiguration(host.Configuration, host.Clock), log, () => ServiceSettings.Url.Read(host.Configuration.Root), host.Clock),
                    log, host.Clock),
                new SchedulerOptions());
            return await action(host, scheduler, launcher);
        });

    private static Schedule Find(IReadOnlyList<Schedule> schedules, string name) =>
        schedules.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no schedule '{name}' in configuration (schedules: {(schedules.Count == 0 ? "none" : string.Join(", ", schedules.Select(s => s.Name)))})");

    private static void Print(IReadOnlyList<ScheduleView> schedules, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Json.Print(schedules);
            return;
        }
        if (schedules.Count == 0)
        {
            Console.WriteLine("no schedules: add a 'schedules:' section to configuration (see docs/operations.md)");
            return;
        }
        var table = new Table().AddColumns("Schedule", "Workflow", "Cron", "Next fire", "Last fire", "Last success");
        foreach (var s in schedules)
        {
            table.AddRow(
                Markup.Escape(s.Name), Markup.Escape(s.Workflow), Markup.Escape($"{s.Cron} ({s.TimeZone})"),
                s.Paused ? "paused" : s.NextFire is { } next ? When(next) : "never",
                s.LastFire is { } last ? Markup.Escape($"{When(last.FireTime)} {last.Status}{(last.RunId is { } run ? $" (run {run})" : "")}") : "never",
                s.LastSuccess is { } success ? When(success) : "never");
        }
        AnsiConsole.Write(table);
    }

    private static string When(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
