using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Configuration;
using Loader.Notifications;
using Loader.Scheduling;
using Loader.Scheduling.Schedules;
using Loader.Studio.Hosting;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader serve [--urls URL] [--log-format json]</c>: the service. Fires the schedules of configuration, runs them and tells
/// people what went wrong, and serves the Studio with its API, health check and metrics, until SIGTERM or Ctrl-C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where the Studio, /healthz and /metrics listen; the Studio needs the access token printed in its link",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "How the service's own lines are written on standard output: plain or json (one object per line)",
            DefaultValueFactory = _ => "plain",
        };
        logFormat.AcceptOnlyFromAmong("plain", "json");
        var command = new Command("serve", "Run the schedules of configuration unattended and serve the Studio (stops on SIGTERM or Ctrl-C)");
        command.Options.Add(urls);
        command.Options.Add(logFormat);
        command.SetAction(async (parse, ignored) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            var schedules = ScheduleConfig.Read(host.Configuration);
            ScheduleCheck.ThrowIfInvalid(schedules, host.LoadWorkflows(), host);
            using var cancellation = new Cancellation();
            using var live = host.Watch();
            await using var state = await host.OpenStateAsync(cancellation.Token);
            var log = new ServiceLog(Console.Out, parse.GetValue(logFormat) == "json", host.Clock, () => live.Current.Secrets);
            var notifier = Notifier.FromConfiguration(live.Current, host.Clock);
            StudioServer? studio = null;
            var alerts = new ScheduleAlerts(() => notifier, log, () => ServiceSettings.Url.Read(live.Current.Root) ?? studio?.Address, host.Clock);
            live.Changed += (_, _) =>
            {
                try
                {
                    var reread = ScheduleConfig.Read(live.Current);
                    ScheduleCheck.ThrowIfInvalid(reread, host.LoadWorkflows(), host);
                    (schedules, notifier) = (reread, Notifier.FromConfiguration(live.Current, host.Clock));
                    log.Info("reload", $"configuration re-read: {reread.Count} schedule(s)");
                }
                catch (Exception e) when (e is ConfigurationException or WorkflowException)
                {
                    Refuse(e.Message);
                }
            };
            live.Refused += (_, refusal) => Refuse(string.Join("; ", refusal.Problems));
            void Refuse(string problems)
            {
                log.Warn("reload", $"configuration not taken, the previous schedules stay: {problems}");
                _ = alerts.ConfigurationRefusedAsync(problems, CancellationToken.None);
            }
            var scheduler = new Scheduler(
                new SchedulerServices(() => schedules, state, () => studio!.Launcher, alerts, log, host.Clock),
                new SchedulerOptions { Grace = ServiceSettings.Grace.Read(host.Configuration.Root) });
            studio = StudioServer.Create(host.StudioOptions(parse.GetValue(urls)!, live) with { Schedules = scheduler });
            try
            {
                await studio.StartAsync(cancellation.Token);
                var address = studio.Address.ToString().TrimEnd('/');
                log.Info("serve", $"Studio at {studio.Link}, health at {address}/healthz, metrics at {address}/metrics", ("schedules", schedules.Count));
                var retention = new HistoryRetention(state, () => HistorySettings.Keep.Read(live.Current.Root), log, host.Clock).RunAsync(cancellation.Token);
                await scheduler.RunAsync(cancellation.Token);
                await retention;
            }
            finally
            {
                await studio.DisposeAsync();
                await scheduler.SettleAsync(TimeSpan.FromSeconds(30));
                log.Info("serve", "stopped");
            }
            return 0;
        }));
        return command;
    }
}
