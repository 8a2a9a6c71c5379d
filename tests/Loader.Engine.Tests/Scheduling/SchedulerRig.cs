using Loader.Configuration;
using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Notifications;
using Loader.Running;
using Loader.Scheduling;
using Loader.Scheduling.Schedules;
using Loader.State;
using Loader.State.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Scheduling;

/// <summary>
/// A scheduler over real workflows (shell steps, local files, a SQLite store) whose clock the test moves; runs execute for
/// real through the engine, on the system clock.
/// </summary>
internal sealed class SchedulerRig : IAsyncDisposable
{
    private readonly List<Scheduler> _schedulers = [];

    public RunHarness Harness { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public StringWriter Log { get; } = new();

    public SqliteStateStore State { get; private set; } = null!;

    /// <summary>A rig whose workflow files hold the YAML documents of <paramref name="workflows"/> (separated by <c>---</c>).</summary>
    public static async Task<SchedulerRig> CreateAsync(string workflows, string schedules)
    {
        var rig = new SchedulerRig();
        var documents = workflows.Split("\n---\n");
        for (var i = 0; i < documents.Length; i++)
        {
            rig.Harness.Sandbox.WriteWorkflow($"flow-{i}.yml", documents[i]);
        }
        rig.Harness.Sandbox.WriteDefaults(schedules);
        rig.State = await rig.Harness.OpenStateAsync();
        return rig;
    }

    public IReadOnlyList<Schedule> Schedules => ScheduleConfig.Read(Harness.Configuration);

    /// <summary>A service process called <paramref name="owner"/>.</summary>
    public Scheduler Scheduler(string owner = "test-host:1")
    {
        var log = new ServiceLog(Log, json: false, Clock, () => Harness.Configuration.Secrets);
        var scheduler = new Scheduler(
            new SchedulerServices(() => Schedules, State, () => new Launcher(Harness, State), new ScheduleAlerts(() => Notifier.FromConfiguration(Harness.Configuration, Clock), log, () => null, Clock), log, Clock),
            new SchedulerOptions { Owner = owner, Tick = TimeSpan.FromSeconds(1) });
        _schedulers.Add(scheduler);
        return scheduler;
    }

    /// <summary>Moves the clock to <paramref name="time"/> (UTC) and turns.</summary>
    public async Task TurnAtAsync(Scheduler scheduler, DateTimeOffset time)
    {
        Clock.SetUtcNow(time);
        await scheduler.TurnAsync(CancellationToken.None);
    }

    /// <summary>Turns until every run the scheduler started has ended and been recorded.</summary>
    public async Task SettleAsync(Scheduler scheduler)
    {
        for (var i = 0; i < 600; i++)
        {
            await scheduler.TurnAsync(CancellationToken.None);
            if ((await State.OpenFiresAsync(CancellationToken.None)).All(f => f.Status is FireStatus.Waiting))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the fires did not settle:\n{Log}");
    }

    public async Task<IReadOnlyList<FireRecord>> FiresAsync(string schedule) =>
        (await State.ListFiresAsync(schedule, 100, CancellationToken.None)).Reverse().ToList();

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();

    /// <summary>Starts runs through the engine, as the Studio's launcher does.</summary>
    private sealed class Launcher(RunHarness harness, IStateStore state) : IRunLauncher
    {
        public async Task<LaunchedRun> StartAsync(string workflow, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
        {
            var plan = await harness.PlanAsync(workflow, arguments);
            var events = new StartedSink();
            var completion = Task.Run(() => harness.Runner(state, events).RunAsync(plan, CancellationToken.None), CancellationToken.None);
            var first = await Task.WhenAny(events.Started.Task, completion);
            return new LaunchedRun(first == completion ? (await completion).RunId : await events.Started.Task, completion);
        }
    }

    private sealed class StartedSink : IRunEventSink
    {
        public TaskCompletionSource<long> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Emit(RunEvent runEvent)
        {
            if (runEvent is RunStarted started)
            {
                Started.TrySetResult(started.RunId);
            }
        }
    }
}
