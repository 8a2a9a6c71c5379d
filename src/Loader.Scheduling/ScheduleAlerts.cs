using System.Globalization;
using Loader.Notifications;
using Loader.Scheduling.Firing;
using Loader.Scheduling.Schedules;
using Loader.State;

namespace Loader.Scheduling;

/// <summary>
/// Tells people when a schedule's runs fail, recover, miss their data or are late: one message per change of a schedule's
/// health (kept in the state store, so a restart or another service process does not say it again).
/// </summary>
/// <param name="notifier">The configured channels, as configuration says now.</param>
/// <param name="log">The service's log, which records every message sent and every channel that failed.</param>
/// <param name="studio">The Studio's address people reach, for links to runs, if it is served.</param>
/// <param name="clock">The clock.</param>
public sealed class ScheduleAlerts(Func<Notifier> notifier, ServiceLog log, Func<Uri?> studio, TimeProvider clock)
{
    private const int LogLines = 30;

    internal async Task FireEndedAsync(IStateStore state, Schedule schedule, DateTimeOffset fireTime, long? runId, FireOutcome outcome, CancellationToken cancellationToken)
    {
        var healthKey = $"schedule:{schedule.Name}:health";
        var before = await state.GetCheckpointAsync(healthKey, cancellationToken) ?? "ok";
        var (after, kind) = outcome.Status switch
        {
            FireStatus.Succeeded => ("ok", before == "ok" ? (NotificationKind?)null : NotificationKind.Recovered),
            FireStatus.Failed => ("failed", before == "failed" ? null : NotificationKind.Failed),
            FireStatus.MissingData => ("missing-data", before == "missing-data" ? null : NotificationKind.MissingData),
            _ => (before, null),
        };
        if (after != before)
        {
            await state.SetCheckpointAsync(healthKey, after, cancellationToken);
        }
        if (kind is { } send)
        {
            var tail = runId is { } run && outcome.Task is not null ? await LogTailAsync(state, run, cancellationToken) : [];
            await SendAsync(new Notification(send, schedule.Name, schedule.Workflow, Parameters(schedule, fireTime), Local(schedule, fireTime),
                outcome.Task, send == NotificationKind.Recovered ? null : outcome.Reason, tail, Link(runId), clock.GetUtcNow()), cancellationToken);
        }
    }

    internal async Task LateAsync(IStateStore state, Schedule schedule, FireRecord fire, CancellationToken cancellationToken)
    {
        // Fires become late in the order they fired, so the latest one said late is all there is to remember.
        var key = $"schedule:{schedule.Name}:late";
        if (await state.GetCheckpointAsync(key, cancellationToken) is { } said && DateTimeOffset.Parse(said, CultureInfo.InvariantCulture) >= fire.FireTime)
        {
            return;
        }
        await state.SetCheckpointAsync(key, fire.FireTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        var deadline = fire.FireTime + schedule.CompleteWithin!.Value;
        await SendAsync(new Notification(NotificationKind.Late, schedule.Name, schedule.Workflow, Parameters(schedule, fire.FireTime), Local(schedule, fire.FireTime),
            null, $"not complete by {Scheduler.Local(schedule, deadline)} ({Scheduler.Status(fire.Status)}{(fire.Note is { } note ? $": {note}" : "")})",
            [], Link(fire.RunId), clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Tells people that a changed configuration was refused and the old one stays.</summary>
    public Task ConfigurationRefusedAsync(string problems, CancellationToken cancellationToken) =>
        SendAsync(new Notification(NotificationKind.ConfigurationRefused, "", "", "", clock.GetUtcNow(), null, problems, [], null, clock.GetUtcNow()), cancellationToken);

    private async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var channels = notifier();
        log.Warn("notify", $"{notification.Kind.ToString().ToLowerInvariant()}: {notification.Schedule} {notification.Error}".TrimEnd(),
            ("schedule", notification.Schedule), ("kind", notification.Kind.ToString().ToLowerInvariant()), ("sent", channels.HasChannels));
        foreach (var problem in await channels.SendAsync(notification, cancellationToken))
        {
            log.Warn("notify-failed", problem, ("schedule", notification.Schedule));
        }
    }

    private static async Task<IReadOnlyList<string>> LogTailAsync(IStateStore state, long runId, CancellationToken cancellationToken)
    {
        var failed = (await state.GetAttemptsAsync(runId, cancellationToken)).LastOrDefault(a => a.Status == AttemptStatus.Failed && a.LogPath is not null);
        if (failed?.LogPath is not { } path || !File.Exists(path))
        {
            return [];
        }
        var tail = new Queue<string>(LogLines);
        foreach (var line in File.ReadLines(path))
        {
            if (tail.Count == LogLines)
            {
                tail.Dequeue();
            }
            tail.Enqueue(line); // whole: the notifier masks before it cuts long lines, so no secret is cut in half
        }
        return tail.ToList();
    }

    private static string Parameters(Schedule schedule, DateTimeOffset fireTime) =>
        string.Join(" ", schedule.ArgumentsAt(fireTime).Select(a => $"{a.Key}={a.Value}"));

    private static DateTimeOffset Local(Schedule schedule, DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, schedule.TimeZone);

    private Uri? Link(long? runId) => runId is { } run && studio() is { } address ? new Uri(address, $"#/runs/{run}") : null;
}
