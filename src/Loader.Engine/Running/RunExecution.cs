using System.Diagnostics;
using System.Threading.Channels;
using Loader.Events;
using Loader.Planning;
using Loader.State;
using Loader.Steps;
using Loader.Tasks;

namespace Loader.Running;

/// <summary>One execution of a plan: the coordinator loop that leases, dispatches and collects tasks.</summary>
internal sealed class RunExecution
{
    private const int LeaseBatch = 512;
    private static readonly TimeSpan LeaseAheadWindow = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ShortestPark = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(200);

    private readonly RunnerServices _services;
    private readonly RunOptions _options;
    private readonly RunPlan _plan;
    private readonly long _runId;
    private readonly SecretMasker _masker;
    private readonly PlacementSessions _placements;
    private readonly Dictionary<TaskInstance, (TaskOutcome, string)> _outcomes = [];
    private readonly Channel<(PlanEntry Entry, TaskOutcome Outcome, string Reason, TimeSpan Took)> _completions =
        Channel.CreateUnbounded<(PlanEntry, TaskOutcome, string, TimeSpan)>();
    private readonly Queue<PlanEntry> _ready = new();
    private readonly Queue<PlanEntry> _leased = new();
    private readonly List<(PlanEntry Entry, DateTimeOffset RetryAt)> _parked = [];
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<int>> _deadRunnersStopped = new(StringComparer.Ordinal);
    private int[] _waitingOn = [];
    private List<PlanEntry>?[] _dependents = [];
    private int _running;
    private double _averageSeconds = 1;

    public RunExecution(RunnerServices services, RunOptions options, RunPlan plan, long runId, SecretMasker masker, PlacementSessions placements)
    {
        _placements = placements;
        _services = services;
        _options = options;
        _plan = plan;
        _runId = runId;
        _masker = masker;
    }

    public async Task<IReadOnlyDictionary<TaskInstance, (TaskOutcome, string)>> ExecuteAsync(CancellationToken cancellationToken)
    {
        var journal = new AttemptJournal(_services.State, _options.Runner);
        var pipelines = new RetryPipelines(_services.Clock, cancellationToken);
        var executor = new TaskExecutor(
            _services, _options with { Today = _options.Today ?? _plan.Graph.Today }, _runId, journal, pipelines, _masker, _placements, cancellationToken);
        var remaining = Prepare();
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewLeasesAsync(stopRenewing.Token);
        var lastFlush = Stopwatch.StartNew();
        try
        {
            while (remaining > 0)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await DispatchAsync(executor, cancellationToken);
                }
                else if (_running == 0)
                {
                    break;
                }
                if (_running == 0 && _ready.Count == 0 && _leased.Count == 0 && _parked.Count == 0)
                {
                    break;
                }
                var wait = _parked.Count > 0 ? UntilFirstParkedRetry() : FlushEvery;
                remaining -= await CollectAsync(wait, cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken);
                if (lastFlush.Elapsed >= FlushEvery || journal.Pending > 1000)
                {
                    await journal.FlushAsync(CancellationToken.None);
                    lastFlush.Restart();
                }
            }
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
            foreach (var entry in _ready.Concat(_leased).Concat(_parked.Select(p => p.Entry)))
            {
                Settle(entry, TaskOutcome.Cancelled, "the run was cancelled before it started");
            }
            foreach (var entry in _plan.Entries.Where(e => !_outcomes.ContainsKey(e.Task)))
            {
                _outcomes[entry.Task] = (TaskOutcome.Cancelled, "the run was cancelled before it started");
            }
            await journal.FlushAsync(CancellationToken.None);
            if (_held.Count > 0)
            {
                await _services.State.ReleaseLeasesAsync(_options.Runner, _held.ToList(), CancellationToken.None);
            }
        }
        return _outcomes;
    }

    /// <summary>Records outcomes known from the plan and finds the tasks that can start; returns how many will run.</summary>
    private int Prepare()
    {
        var count = _plan.Graph.Instances.Count;
        _waitingOn = new int[count];
        _dependents = new List<PlanEntry>?[count];
        var toRun = 0;
        foreach (var entry in _plan.Entries)
        {
            switch (entry.Decision)
            {
                case PlanDecision.Complete:
                    _outcomes[entry.Task] = (TaskOutcome.AlreadyComplete, entry.Reason);
                    continue;
                case PlanDecision.WaitingExternal:
                    _outcomes[entry.Task] = (TaskOutcome.MissingExternalData, entry.Reason);
                    continue;
                case PlanDecision.Blocked:
                    _outcomes[entry.Task] = (TaskOutcome.UpstreamFailed, entry.Reason);
                    continue;
            }
            toRun++;
            foreach (var requirement in entry.Task.Requires)
            {
                if (_plan.For(requirement) is { WillRun: true })
                {
                    _waitingOn[entry.Task.Order]++;
                    (_dependents[requirement.Order] ??= []).Add(entry);
                }
            }
            if (_waitingOn[entry.Task.Order] == 0)
            {
                _ready.Enqueue(entry);
            }
        }
        return toRun;
    }

    /// <summary>Leases ready tasks in batches and starts as many as there are free workers.</summary>
    private async Task DispatchAsync(TaskExecutor executor, CancellationToken cancellationToken)
    {
        var now = _services.Clock.GetUtcNow();
        for (var i = _parked.Count - 1; i >= 0; i--)
        {
            if (_parked[i].RetryAt <= now)
            {
                _ready.Enqueue(_parked[i].Entry);
                _parked.RemoveAt(i);
            }
        }
        // A task another runner holds takes no worker: lease on until the workers have work or nothing is ready.
        while (_options.Workers - _running - _leased.Count is var free and > 0 && _ready.Count > 0)
        {
            var batch = new List<PlanEntry>(Math.Min(_ready.Count, free + LeaseAhead()));
            while (batch.Count < batch.Capacity)
            {
                batch.Add(_ready.Dequeue());
            }
            await LeaseAsync(batch, cancellationToken);
        }
        while (_running < _options.Workers && _leased.Count > 0)
        {
            var entry = _leased.Dequeue();
            _running++;
            _ = Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                var (outcome, reason) = await executor.ExecuteAsync(entry);
                await _completions.Writer.WriteAsync((entry, outcome, reason, clock.Elapsed), CancellationToken.None);
            }, CancellationToken.None);
        }
        if (_leased.Count > 0 && LeaseAhead() == 0)
        {
            await ReleaseLeasedAheadAsync();
        }
    }

    /// <summary>
    /// How many ready tasks to lease beyond the free workers, in the same transaction: none while tasks take long, and
    /// for short ones only what the workers start within <see cref="LeaseAheadWindow"/>, so other runners find work too.
    /// </summary>
    private int LeaseAhead() => _averageSeconds < 0.05
        ? (int)Math.Min(LeaseBatch, _options.Workers * LeaseAheadWindow.TotalSeconds / Math.Max(_averageSeconds, 0.0001))
        : 0;

    /// <summary>Gives back the leases taken ahead for tasks that turned out long, so that another runner can start them.</summary>
    private async Task ReleaseLeasedAheadAsync()
    {
        var ahead = _leased.ToList();
        _leased.Clear();
        await _services.State.ReleaseLeasesAsync(_options.Runner, ahead.Select(e => e.Task.Id.Key).ToList(), CancellationToken.None);
        foreach (var entry in ahead)
        {
            _held.Remove(entry.Task.Id.Key);
            _ready.Enqueue(entry);
        }
    }

    /// <summary>How long until the first parked task is asked for again; not less than a few milliseconds.</summary>
    private TimeSpan UntilFirstParkedRetry()
    {
        var first = _parked.Min(p => p.RetryAt) - _services.Clock.GetUtcNow();
        return first < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : first;
    }

    private async Task LeaseAsync(List<PlanEntry> batch, CancellationToken cancellationToken)
    {
        var now = _services.Clock.GetUtcNow();
        var request = new LeaseRequest(_options.Runner, _runId, now + _options.LeaseTtl, now, _plan.PlannedAt);
        var results = await _services.State.TryAcquireLeasesAsync(batch.Select(e => e.Task.Id.Key).ToList(), request, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            switch (results[i].Outcome)
            {
                case LeaseOutcome.Acquired:
                    _held.Add(entry.Task.Id.Key);
                    _leased.Enqueue(entry);
                    break;
                case LeaseOutcome.CompletedElsewhere:
                    await _completions.Writer.WriteAsync((entry, TaskOutcome.CompletedElsewhere, "another runner completed it", TimeSpan.Zero), cancellationToken);
                    _running++;
                    break;
                case LeaseOutcome.Held when results[i].Holder is { } holder && LeaseHolders.IsDeadLocalProcess(holder):
                    if (await StopOrphansOfAsync(holder, cancellationToken) is { Count: > 0 } alive)
                    {
                        var why = $"{holder} died, but its step processes {string.Join(", ", alive)} still run after SIGKILL";
                        await _completions.Writer.WriteAsync((entry, TaskOutcome.RunningElsewhere, why, TimeSpan.Zero), cancellationToken);
                        _running++;
                        break;
                    }
                    await _services.State.BreakLeaseAsync(entry.Task.Id.Key, holder, cancellationToken);
                    _ready.Enqueue(entry);
                    break;
                case LeaseOutcome.Held when _options.WaitForOthers:
                    _services.Events.Emit(new TaskSkipped(_runId, now, entry.Task, TaskOutcome.RunningElsewhere, $"waiting: {results[i].Holder} is running it"));
                    _parked.Add((entry, now + ParkFor()));
                    break;
                default:
                    await _completions.Writer.WriteAsync((entry, TaskOutcome.RunningElsewhere, $"{results[i].Holder} is running it", TimeSpan.Zero), cancellationToken);
                    _running++;
                    break;
            }
        }
    }

    /// <summary>
    /// How long a task another runner holds waits before it is asked for again: about twice a task's time, so work that
    /// depends on it goes on soon after it ends there, between <see cref="ShortestPark"/> and a tenth of the lease's life.
    /// </summary>
    private TimeSpan ParkFor()
    {
        var longest = _options.LeaseTtl / 10;
        var twice = TimeSpan.FromSeconds(2 * _averageSeconds);
        return twice < ShortestPark ? ShortestPark : twice > longest ? longest : twice;
    }

    /// <summary>Kills the step processes a dead runner left, once per runner and run; returns those that would not die.</summary>
    private async Task<IReadOnlyList<int>> StopOrphansOfAsync(string holder, CancellationToken cancellationToken)
    {
        var runner = LeaseHolders.RunnerOf(holder);
        if (!_deadRunnersStopped.TryGetValue(runner, out var alive))
        {
            alive = await OrphanedSteps.StopAsync(holder, cancellationToken);
            _deadRunnersStopped[runner] = alive;
        }
        return alive;
    }

    /// <summary>Waits up to <paramref name="wait"/> for completions and settles each; returns how many settled.</summary>
    private async Task<int> CollectAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var settled = 0;
        if (!_completions.Reader.TryPeek(out _))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                await _completions.Reader.WaitToReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }
        while (_completions.Reader.TryRead(out var done))
        {
            _running--;
            _held.Remove(done.Entry.Task.Id.Key);
            if (done.Outcome is TaskOutcome.Succeeded or TaskOutcome.Failed)
            {
                _averageSeconds = 0.8 * _averageSeconds + 0.2 * done.Took.TotalSeconds;
            }
            settled += Settle(done.Entry, done.Outcome, done.Reason);
        }
        return settled;
    }

    /// <summary>Records an outcome and releases or blocks its dependents; returns how many tasks it settled.</summary>
    private int Settle(PlanEntry entry, TaskOutcome outcome, string reason)
    {
        if (_outcomes.ContainsKey(entry.Task))
        {
            return 0;
        }
        _outcomes[entry.Task] = (outcome, reason);
        var settled = 1;
        var dependents = _dependents[entry.Task.Order];
        if (dependents is null)
        {
            return settled;
        }
        var ok = outcome is TaskOutcome.Succeeded or TaskOutcome.CompletedElsewhere;
        foreach (var dependent in dependents)
        {
            if (ok)
            {
                if (--_waitingOn[dependent.Task.Order] == 0)
                {
                    _ready.Enqueue(dependent);
                }
            }
            else if (outcome != TaskOutcome.Cancelled)
            {
                var why = outcome switch
                {
                    TaskOutcome.RunningElsewhere => $"requires {entry.Task.Id.Text}, which another runner is running",
                    TaskOutcome.MissingExternalData => $"requires {entry.Task.Id.Text}, which is waiting for external data",
                    _ => $"requires {entry.Task.Id.Text}, which failed",
                };
                _services.Events.Emit(new TaskSkipped(_runId, _services.Clock.GetUtcNow(), dependent.Task, TaskOutcome.UpstreamFailed, why));
                settled += Settle(dependent, TaskOutcome.UpstreamFailed, why);
            }
        }
        return settled;
    }

    private async Task RenewLeasesAsync(CancellationToken stop)
    {
        var every = _options.LeaseTtl / 3;
        var wait = every;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, _services.Clock, stop);
                await _services.State.RenewLeasesAsync(_options.Runner, _services.Clock.GetUtcNow() + _options.LeaseTtl, stop);
                wait = every;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A busy or briefly unreachable store must not end renewal: try again soon, before the leases lapse.
                wait = every / 4;
            }
        }
    }
}
