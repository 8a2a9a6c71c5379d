using Cronos;
using Loader.Scheduling;
using Loader.Studio.Hosting;
using Prometheus;

namespace Loader.Studio.Monitoring;

/// <summary>
/// Each schedule as it stands, read at every scrape: how late its due fire is, when it last succeeded, whether it is
/// paused; and whether the scheduler's loop turns. Nothing is exported without a scheduler (<c>loader studio</c>).
/// </summary>
internal sealed class ScheduleMetrics
{
    private readonly ISchedules _schedules;
    private readonly TimeProvider _clock;
    private readonly Gauge _lag;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _paused;
    private readonly Gauge _turning;

    private ScheduleMetrics(ISchedules schedules, TimeProvider clock, CollectorRegistry registry)
    {
        _schedules = schedules;
        _clock = clock;
        var factory = Metrics.WithCustomRegistry(registry);
        _lag = factory.CreateGauge("loader_schedule_lag_seconds", "How long a schedule's due fire has waited to start; 0 when none is due.", "schedule");
        _lastSuccess = factory.CreateGauge("loader_schedule_last_success_timestamp_seconds", "When a run a schedule fired last succeeded (Unix time); absent before the first success.", "schedule");
        _paused = factory.CreateGauge("loader_schedule_paused", "1 when a schedule is paused, else 0.", "schedule");
        _turning = factory.CreateGauge("loader_scheduler_turning", "1 while the scheduler's loop turns, else 0.");
        registry.AddBeforeCollectCallback(ReadAsync);
    }

    /// <summary>Exports the schedules of <paramref name="options"/> into <paramref name="registry"/>, when there are any.</summary>
    public static void Register(StudioOptions options, CollectorRegistry registry)
    {
        if (options.Schedules is { } schedules)
        {
            _ = new ScheduleMetrics(schedules, options.Clock, registry);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        _turning.Set(_schedules.Turning ? 1 : 0);
        IReadOnlyList<ScheduleView> views;
        try
        {
            views = await _schedules.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The state store does not answer (/healthz/ready says so): no figures rather than stale ones.
            views = [];
        }
        var now = _clock.GetUtcNow();
        foreach (var gone in _paused.GetAllLabelValues().Select(l => l[0]).Except(views.Select(v => v.Name)).ToList())
        {
            _lag.WithLabels(gone).Remove();
            _lastSuccess.WithLabels(gone).Remove();
            _paused.WithLabels(gone).Remove();
        }
        foreach (var view in views)
        {
            _lag.WithLabels(view.Name).Set(Lag(view, now).TotalSeconds);
            _paused.WithLabels(view.Name).Set(view.Paused ? 1 : 0);
            if (view.LastSuccess is { } success)
            {
                _lastSuccess.WithLabels(view.Name).Set(success.ToUnixTimeMilliseconds() / 1000.0);
            }
            else
            {
                _lastSuccess.WithLabels(view.Name).Remove();
            }
        }
    }

    /// <summary>
    /// How long the fire that is due but not started has waited: a queued fire since its period, else the first cron period
    /// after the last fire once it has passed (the scheduler records each period it passes, fired or skipped, within a
    /// turn, so a period left unrecorded means the loop is behind). Nothing is due while paused or before the first fire.
    /// </summary>
    internal static TimeSpan Lag(ScheduleView view, DateTimeOffset now)
    {
        if (view.Paused)
        {
            return TimeSpan.Zero;
        }
        var due = view.LastFire switch
        {
            { Status: "queued" } queued => queued.FireTime,
            { } last => PeriodAfter(view, last.FireTime),
            null => view.NextFire,
        };
        return due is { } since && since < now ? now - since : TimeSpan.Zero;
    }

    private static DateTimeOffset? PeriodAfter(ScheduleView view, DateTimeOffset fireTime)
    {
        try
        {
            var withSeconds = view.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
            return CronExpression.Parse(view.Cron, withSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard)
                .GetNextOccurrence(fireTime, TimeZoneInfo.FindSystemTimeZoneById(view.TimeZone));
        }
        catch (Exception e) when (e is CronFormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // The scheduler checked both at start; a schedule it could not read has no period to be late for.
            return null;
        }
    }
}
