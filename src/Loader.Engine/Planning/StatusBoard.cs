using Loader.State;
using Loader.Targets;
using Loader.Tasks;

namespace Loader.Planning;

/// <summary>One task instance's state, why, its latest recorded attempt and the live lease on it, if any.</summary>
/// <param name="Task">The instance.</param>
/// <param name="State">What it is now.</param>
/// <param name="Reason">Why, in a line: the missing output, the last error, the runner that holds it.</param>
/// <param name="LastAttempt">Its newest recorded attempt.</param>
/// <param name="Lease">The live lease on it.</param>
public sealed record InstanceStatus(TaskInstance Task, InstanceState State, string Reason, AttemptRecord? LastAttempt, LeaseRecord? Lease);

/// <summary>
/// The state of every instance of a bound graph, unlike a plan, which stops at complete tasks: every output is checked
/// in one bulk pass, and the state store says what failed last and what runs now.
/// </summary>
public sealed class StatusBoard(TargetStores targets)
{
    /// <summary>
    /// The state of each instance of <paramref name="graph"/>, in the graph's order; <paramref name="latest"/> holds each
    /// task key's newest attempt and <paramref name="leases"/> the live leases, by task key.
    /// </summary>
    public async Task<IReadOnlyList<InstanceStatus>> ReadAsync(
        TaskGraph graph, IReadOnlyDictionary<string, AttemptRecord> latest, IReadOnlyDictionary<string, LeaseRecord> leases, CancellationToken cancellationToken)
    {
        var instances = graph.Instances;
        var existing = await targets.WhichExistAsync(instances.SelectMany(i => i.Outputs), cancellationToken);
        var states = new InstanceStatus[instances.Count];
        foreach (var task in instances)
        {
            var last = latest.GetValueOrDefault(task.Id.Key);
            var lease = leases.GetValueOrDefault(task.Id.Key);
            var (state, reason) = Classify(task, last, lease, existing, states);
            states[task.Order] = new InstanceStatus(task, state, reason, last, lease);
        }
        return states;
    }

    private static (InstanceState, string) Classify(
        TaskInstance task, AttemptRecord? last, LeaseRecord? lease, IReadOnlySet<Target> existing, InstanceStatus[] known)
    {
        if (lease is not null)
        {
            return (InstanceState.Running, $"{lease.Owner} holds its lease");
        }
        if (last is { Status: AttemptStatus.Failed })
        {
            return (InstanceState.Failed, last.Error ?? $"attempt {last.Attempt} of run {last.RunId} failed");
        }
        var missing = task.Outputs.FirstOrDefault(o => !existing.Contains(o));
        if (task.Outputs.Count > 0 && missing is null)
        {
            return Planner.WindowReason(task) is { } window
                ? (InstanceState.OverwriteWindow, window)
                : (InstanceState.Complete, Planner.IsExternal(task) ? "external data is present" : "outputs exist");
        }
        if (Planner.IsExternal(task))
        {
            return (InstanceState.WaitingForData, $"waiting for external data: {missing?.Location ?? "(no outputs declared)"}");
        }
        if (task.Requires.FirstOrDefault(r => known[r.Order].State == InstanceState.WaitingForData) is { } stuck)
        {
            return (InstanceState.WaitingForData, $"requires {stuck.Id.Text}, which waits for external data");
        }
        return (InstanceState.Missing, missing is null ? "has no outputs, so it runs every time" : $"{missing.Location} is missing");
    }
}
