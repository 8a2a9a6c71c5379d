using System.Globalization;
using Loader.Running;
using Loader.Scheduling.Firing;
using Loader.Scheduling.Schedules;
using Loader.State;

namespace Loader.Scheduling;

/// <summary>
/// The loop of <c>loader serve</c>: every turn it fires the due periods of each schedule (recording each fire in the state store
/// before its run starts, so several processes sharing a store fire a period once), follows the runs it started, checks again
/// for data that was missing, takes over the fires of dead service processes, and tells people what went wrong.
/// </summary>
public sealed class Scheduler(SchedulerServices services, SchedulerOptions options) : ISchedules
{
    private readonly Dictionary<(string Schedule, DateTimeOffset FireTime), LaunchedRun> _running = [];
    private readonly Dictionary<(string Schedule, DateTimeOffset FireTime), DateTimeOffset> _waiting = [];
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _lastTurnTicks;

    private TimeProvider Clock => services.Clock;

    /// <inheritdoc />
    public bool Turning => Clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastTurnTicks) < (options.Tick * 10).Ticks;

    /// <summary>Turns until <paramref name="stopping"/> is cancelled, then waits up to the grace period for the runs it started.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        services.Log.Info("scheduler", $"started: {services.Schedules().Count} schedule(s), owner {options.Owner}");
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await TurnAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A store that does not answer, a file that cannot be read: the service stays up, says so, and tries again;
                // /healthz turns unready while no turn completes.
                services.Log.Warn("scheduler", $"a turn failed, trying again: {e.Message}");
            }
            try
            {
                await Task.Delay(options.Tick, Clock, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        services.Log.Info("scheduler", $"stopping: no more fires; waiting up to {options.Grace.TotalSeconds:0}s for {_running.Count} run(s)");
        await Task.WhenAny(Task.WhenAll(_running.Values.Select(r => (Task)r.Completion)), Task.Delay(options.Grace, Clock));
    }

    /// <summary>Records how the runs it started ended (those the grace period cut short end as cancelled).</summary>
    public async Task SettleAsync(TimeSpan patience)
    {
        await Task.WhenAny(Task.WhenAll(_running.Values.Select(r => (Task)r.Completion)), Task.Delay(patience));
        await _turn.WaitAsync();
        try
        {
            await FollowRunsAsync(CancellationToken.None);
            var state = services.State;
            await state.RenewFiresAsync(options.Owner, Clock.GetUtcNow(), CancellationToken.None);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>One turn: follow runs, take over orphaned fires, fire what is due, start queued and waiting fires, warn of late ones.</summary>
    public async Task TurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var now = Clock.GetUtcNow();
            var state = services.State;
            await state.RenewFiresAsync(options.Owner, now, cancellationToken);
            await FollowRunsAsync(cancellationToken);
            var schedules = services.Schedules();
            var open = await state.OpenFiresAsync(cancellationToken);
            open = await TakeOverAsync(state, open, schedules, now, cancellationToken);
            foreach (var schedule in schedules)
            {
                if (!await IsPausedAsync(state, schedule, cancellationToken))
                {
                    await FireDueAsync(state, schedule, open, now, cancellationToken);
                }
            }
            open = await state.OpenFiresAsync(cancellationToken);
            await StartQueuedAndWaitingAsync(state, schedules, open, now, cancellationToken);
            await WarnLateAsync(state, schedules, now, cancellationToken);
            Interlocked.Exchange(ref _lastTurnTicks, Clock.GetUtcNow().UtcTicks);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task FireDueAsync(IStateStore state, Schedule schedule, IReadOnlyList<FireRecord> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = await LastPeriodAsync(state, schedule, now, cancellationToken);
        var busy = open.Any(f => f.Schedule == schedule.Name);
        var queued = open.Count(f => f.Schedule == schedule.Name && f.Status == FireStatus.Queued);
        foreach (var (fireTime, fire) in DueFires.Decide(schedule, after, now))
        {
            if (!fire)
            {
                await RecordEndedAsync(state, schedule, fireTime, FireStatus.Skipped,
                    $"not fired: its time passed while no turn of the scheduler came (the service was down or busy; catchup: {schedule.CatchUp.ToString().ToLowerInvariant()})", now, cancellationToken);
                continue;
            }
            if (busy && schedule.Overlap == Overlap.Skip && !IsCatchUp(fireTime, now))
            {
                await RecordEndedAsync(state, schedule, fireTime, FireStatus.Skipped, "the previous run of this schedule was still running (overlap: skip)", now, cancellationToken);
                continue;
            }
            if (busy && queued >= schedule.CatchUpLimit)
            {
                // Runs slower than their schedule would queue fires without end: at most catchup_limit wait their turn.
                await RecordEndedAsync(state, schedule, fireTime, FireStatus.Skipped, $"{queued} fires of this schedule were already queued (at most catchup_limit wait)", now, cancellationToken);
                continue;
            }
            var status = busy ? FireStatus.Queued : FireStatus.Running;
            if (!await state.TryRecordFireAsync(new FireRecord(schedule.Name, fireTime, options.Owner, status, null, now, now, null, null), cancellationToken))
            {
                continue; // another service process fired this period
            }
            services.Log.Info("fire", $"{schedule.Name} fired for {Local(schedule, fireTime)}{(busy ? ", queued behind the run before it" : "")}",
                ("schedule", schedule.Name), ("fire_time", fireTime), ("status", status.ToString().ToLowerInvariant()));
            busy = true;
            queued += status == FireStatus.Queued ? 1 : 0;
            if (status == FireStatus.Running)
            {
                await StartAsync(state, schedule, fireTime, cancellationToken);
            }
        }
    }

    /// <summary>Whether a fire is one of several caught up at once (they queue whatever the overlap policy says).</summary>
    private bool IsCatchUp(DateTimeOffset fireTime, DateTimeOffset now) => now - fireTime > options.Tick * 3;

    /// <summary>The latest period already handled: the newest recorded fire, else when this schedule was first seen.</summary>
    private async Task<DateTimeOffset> LastPeriodAsync(IStateStore state, Schedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = (await state.ListFiresAsync(schedule.Name, 1, cancellationToken)).FirstOrDefault();
        var sinceKey = $"schedule:{schedule.Name}:since";
        var since = await state.GetCheckpointAsync(sinceKey, cancellationToken) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        if (since is null)
        {
            since = now;
            await state.SetCheckpointAsync(sinceKey, now.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        }
        return last is null || last.FireTime < since ? since.Value : last.FireTime;
    }

    private async Task StartAsync(IStateStore state, Schedule schedule, DateTimeOffset fireTime, CancellationToken cancellationToken)
    {
        try
        {
            var run = await services.Launcher().StartAsync(schedule.Workflow, schedule.ArgumentsAt(fireTime), cancellationToken);
            _running[(schedule.Name, fireTime)] = run;
            await state.UpdateFireAsync(schedule.Name, fireTime, FireStatus.Running, run.RunId, null, null, cancellationToken);
            services.Log.Info("run-started", $"{schedule.Name} for {Local(schedule, fireTime)} runs as run {run.RunId}",
                ("schedule", schedule.Name), ("fire_time", fireTime), ("run", run.RunId));
        }
        catch (Exception e) when (e is not OperationCanceledException and not StateStoreException)
        {
            await EndAsync(state, schedule, fireTime, null, FireOutcome.Broken(e), cancellationToken);
        }
    }

    /// <summary>Records the end of every run it started that has ended; a run whose data is missing waits for it.</summary>
    private async Task FollowRunsAsync(CancellationToken cancellationToken)
    {
        var ended = _running.Where(r => r.Value.Completion.IsCompleted).ToList();
        if (ended.Count == 0)
        {
            return;
        }
        var state = services.State;
        var schedules = services.Schedules();
        foreach (var ((name, fireTime), run) in ended)
        {
            _running.Remove((name, fireTime));
            var outcome = run.Completion.IsCompletedSuccessfully ? FireOutcome.Of(run.Completion.Result) : FireOutcome.Broken(run.Completion.Exception?.InnerException ?? new InvalidOperationException("the run ended without a result"));
            var schedule = schedules.FirstOrDefault(s => s.Name == name);
            if (schedule is null)
            {
                await state.UpdateFireAsync(name, fireTime, outcome.Status == FireStatus.Waiting ? FireStatus.MissingData : outcome.Status, run.RunId, Clock.GetUtcNow(), outcome.Note, cancellationToken);
                continue;
            }
            await EndAsync(state, schedule, fireTime, run.RunId, outcome, cancellationToken);
        }
    }

    private async Task EndAsync(IStateStore state, Schedule schedule, DateTimeOffset fireTime, long? runId, FireOutcome outcome, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        if (outcome.Status == FireStatus.Waiting)
        {
            var deadline = fireTime + schedule.WaitFor;
            if (schedule.WaitEvery is { } every && now + every <= deadline)
            {
                _waiting[(schedule.Name, fireTime)] = now + every;
                await state.UpdateFireAsync(schedule.Name, fireTime, FireStatus.Waiting, runId, null, $"waiting for data until {Local(schedule, deadline)}: {outcome.Note}", cancellationToken);
                services.Log.Info("waiting", $"{schedule.Name} for {Local(schedule, fireTime)} waits for its data; checking again at {Local(schedule, now + every)}",
                    ("schedule", schedule.Name), ("fire_time", fireTime), ("run", runId));
                return;
            }
            outcome = outcome with { Status = FireStatus.MissingData };
        }
        _waiting.Remove((schedule.Name, fireTime));
        await state.UpdateFireAsync(schedule.Name, fireTime, outcome.Status, runId, now, outcome.Note, cancellationToken);
        var level = outcome.Status == FireStatus.Succeeded ? "info" : "warn";
        services.Log.Write(level, "run-ended", $"{schedule.Name} for {Local(schedule, fireTime)}: {Status(outcome.Status)}{(outcome.Status == FireStatus.Succeeded ? "" : $" ({outcome.Note})")}",
            ("schedule", schedule.Name), ("fire_time", fireTime), ("run", runId), ("status", Status(outcome.Status)));
        await services.Alerts.FireEndedAsync(state, schedule, fireTime, runId, outcome, cancellationToken);
    }

    private async Task StartQueuedAndWaitingAsync(IStateStore state, IReadOnlyList<Schedule> schedules, IReadOnlyList<FireRecord> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules)
        {
            var mine = open.Where(f => f.Schedule == schedule.Name).ToList();
            foreach (var waiting in mine.Where(f => f.Status == FireStatus.Waiting && f.Owner == options.Owner))
            {
                var key = (schedule.Name, waiting.FireTime);
                if (!_running.ContainsKey(key) && (!_waiting.TryGetValue(key, out var at) || at <= now))
                {
                    _waiting.Remove(key);
                    services.Log.Info("recheck", $"{schedule.Name} for {Local(schedule, waiting.FireTime)} checks for its data again", ("schedule", schedule.Name), ("fire_time", waiting.FireTime));
                    await StartAsync(state, schedule, waiting.FireTime, cancellationToken);
                }
            }
            if (mine.Any(f => f.Status is FireStatus.Running or FireStatus.Waiting) || _running.Keys.Any(k => k.Schedule == schedule.Name))
            {
                continue;
            }
            if (mine.Where(f => f.Status == FireStatus.Queued).MinBy(f => f.FireTime) is { } next && next.Owner == options.Owner)
            {
                await state.UpdateFireAsync(schedule.Name, next.FireTime, FireStatus.Running, null, null, null, cancellationToken);
                await StartAsync(state, schedule, next.FireTime, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Takes over the open fires of service processes that died (a process of this host that is gone, or any owner silent for
    /// longer than <see cref="SchedulerOptions.DeadAfter"/>): a running one is run again (its finished tasks are complete, so
    /// only the rest runs), a waiting one keeps waiting, a queued one keeps its place.
    /// </summary>
    private async Task<IReadOnlyList<FireRecord>> TakeOverAsync(
        IStateStore state, IReadOnlyList<FireRecord> open, IReadOnlyList<Schedule> schedules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var fire in open.Where(f => f.Owner != options.Owner))
        {
            if (!LeaseHolders.IsDeadLocalProcess(fire.Owner) && now - fire.Heartbeat < options.DeadAfter)
            {
                continue;
            }
            if (!await state.TryTakeOverFireAsync(fire.Schedule, fire.FireTime, fire.Owner, options.Owner, now, cancellationToken))
            {
                continue;
            }
            changed = true;
            services.Log.Warn("take-over", $"{fire.Schedule} for {fire.FireTime:u} was left {fire.Status.ToString().ToLowerInvariant()} by {fire.Owner}, which is gone; it continues here",
                ("schedule", fire.Schedule), ("fire_time", fire.FireTime), ("from", fire.Owner));
            if (fire.Status == FireStatus.Running && schedules.FirstOrDefault(s => s.Name == fire.Schedule) is { } schedule)
            {
                await StartAsync(state, schedule, fire.FireTime, cancellationToken);
            }
        }
        return changed ? await state.OpenFiresAsync(cancellationToken) : open;
    }

    private async Task WarnLateAsync(IStateStore state, IReadOnlyList<Schedule> schedules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.Where(s => s.CompleteWithin is not null))
        {
            foreach (var fire in (await state.ListFiresAsync(schedule.Name, 3, cancellationToken)).OrderBy(f => f.FireTime))
            {
                if (fire.Status is not (FireStatus.Succeeded or FireStatus.Skipped) && fire.FireTime + schedule.CompleteWithin!.Value < now && fire.Owner == options.Owner)
                {
                    await services.Alerts.LateAsync(state, schedule, fire, cancellationToken);
                }
            }
        }
    }

    private async Task RecordEndedAsync(IStateStore state, Schedule schedule, DateTimeOffset fireTime, FireStatus status, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await state.TryRecordFireAsync(new FireRecord(schedule.Name, fireTime, options.Owner, status, null, now, now, now, note), cancellationToken))
        {
            services.Log.Info("skipped", $"{schedule.Name} for {Local(schedule, fireTime)} not run: {note}", ("schedule", schedule.Name), ("fire_time", fireTime));
        }
    }

    private static async Task<bool> IsPausedAsync(IStateStore state, Schedule schedule, CancellationToken cancellationToken) =>
        await state.GetCheckpointAsync(PauseKey(schedule.Name), cancellationToken) is { } paused ? paused == "true" : schedule.Paused;

    private static string PauseKey(string name) => $"schedule:{name}:paused";

    /// <summary>A fire time as its schedule's people read it: in the schedule's zone, with seconds when it has them.</summary>
    public static string Local(Schedule schedule, DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, schedule.TimeZone).ToString(
            schedule.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? "yyyy-MM-dd HH:mm:ss zzz" : "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        var state = services.State;
        var views = new List<ScheduleView>();
        var now = Clock.GetUtcNow();
        foreach (var schedule in services.Schedules())
        {
            var fires = await state.ListFiresAsync(schedule.Name, 50, cancellationToken);
            var paused = await IsPausedAsync(state, schedule, cancellationToken);
            views.Add(new ScheduleView(
                schedule.Name, schedule.Workflow, schedule.Cron, schedule.TimeZone.Id, paused,
                paused ? null : schedule.NextFire(now),
                fires.FirstOrDefault() is { } last ? new FireView(last.FireTime, Status(last.Status), last.RunId, last.Finished, last.Note) : null,
                fires.FirstOrDefault(f => f.Status == FireStatus.Succeeded)?.Finished));
        }
        return views;
    }

    /// <summary>A fire status as people and the API write it: <c>missing-data</c>, <c>running</c>.</summary>
    public static string Status(FireStatus status) => status == FireStatus.MissingData ? "missing-data" : status.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public async Task PauseAsync(string name, CancellationToken cancellationToken) => await SetPausedAsync(name, true, cancellationToken);

    /// <inheritdoc />
    public async Task ResumeAsync(string name, CancellationToken cancellationToken) => await SetPausedAsync(name, false, cancellationToken);

    private async Task SetPausedAsync(string name, bool paused, CancellationToken cancellationToken)
    {
        var schedule = Find(name);
        var state = services.State;
        await state.SetCheckpointAsync(PauseKey(schedule.Name), paused ? "true" : "false", cancellationToken);
        if (!paused)
        {
            // Resuming does not fire the periods that passed while paused: it fires from the next period on.
            await state.SetCheckpointAsync($"schedule:{schedule.Name}:since", Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        }
        services.Log.Info(paused ? "paused" : "resumed", $"{schedule.Name} {(paused ? "paused" : "resumed")}", ("schedule", schedule.Name));
    }

    /// <inheritdoc />
    public async Task<long> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        var schedule = Find(name);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var now = Clock.GetUtcNow();
            var fireTime = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var state = services.State;
            if (!await state.TryRecordFireAsync(new FireRecord(schedule.Name, fireTime, options.Owner, FireStatus.Running, null, now, now, null, "run now"), cancellationToken))
            {
                throw new InvalidOperationException($"{schedule.Name} was already fired at {Local(schedule, fireTime)}; try again in a second");
            }
            services.Log.Info("fire", $"{schedule.Name} run now", ("schedule", schedule.Name), ("fire_time", fireTime));
            await StartAsync(state, schedule, fireTime, cancellationToken);
            return _running.TryGetValue((schedule.Name, fireTime), out var run)
                ? run.RunId
                : throw new InvalidOperationException((await state.ListFiresAsync(schedule.Name, 1, cancellationToken)).FirstOrDefault()?.Note ?? "the run did not start");
        }
        finally
        {
            _turn.Release();
        }
    }

    private Schedule Find(string name) =>
        services.Schedules().FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"no schedule '{name}' in configuration (schedules: {string.Join(", ", services.Schedules().Select(s => s.Name))})");
}
