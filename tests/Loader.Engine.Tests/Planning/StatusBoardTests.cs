using Loader.Engine.Tests.TestSupport;
using Loader.Planning;
using Loader.State;
using Loader.Targets;
using Loader.Tasks;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Planning;

/// <summary>The state of every instance, from outputs, the latest attempts and the live leases, whatever a plan would skip.</summary>
public sealed class StatusBoardTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public StatusBoardTests() => _sandbox.WriteWorkflow("feed.yml", """
        workflow: Feed
        parameters: {interval: interval, overwrite_n_days: {type: int, default: 0, significant: false}}
        tasks:
          Raw: {uses: external, per_day: interval, outputs: {dump: "${config.data_dir}/raw/${date}.json"}}
          Clean: {uses: noop, per_day: interval, overwrite_n_days: "${overwrite_n_days}", requires: Raw, outputs: {clean: "${config.data_dir}/clean/${date}.json"}}
          Summary: {uses: noop, requires: Clean, outputs: {summary: "${config.data_dir}/summary-${interval}.json"}}
        """);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Complete_instances_keep_their_state_below_a_complete_goal()
    {
        var graph = _sandbox.Bind("Feed", Args(("interval", "2026-01-01-2026-01-03")));
        Create(graph.Instances);

        var states = await ReadAsync(graph);

        Assert.Equal(5, states.Count);
        Assert.All(states, s => Assert.Equal(InstanceState.Complete, s.State));
        Assert.Equal("external data is present", states.Single(s => s.Task.Family == "Raw" && s.Task.Date!.Value.Day == 1).Reason);
    }

    [Fact]
    public async Task Missing_external_data_holds_up_what_requires_it()
    {
        var graph = _sandbox.Bind("Feed", Args(("interval", "2026-01-01-2026-01-03")));
        Create([Day(graph, "Raw", 1)]);

        var states = Named(await ReadAsync(graph));

        Assert.Equal(InstanceState.Complete, states["Raw@1"].State);
        Assert.Equal(InstanceState.Missing, states["Clean@1"].State);
        Assert.Equal(InstanceState.WaitingForData, states["Raw@2"].State);
        Assert.Equal(InstanceState.WaitingForData, states["Clean@2"].State);
        Assert.Equal("requires Clean(date=2026-01-02), which waits for external data", states["Summary"].Reason);
    }

    [Fact]
    public async Task A_failed_latest_attempt_is_failed_even_over_old_outputs_and_a_live_lease_is_running()
    {
        var graph = _sandbox.Bind("Feed", Args(("interval", "2026-01-01-2026-01-03")));
        Create(graph.Instances);
        var clean1 = Day(graph, "Clean", 1);
        var clean2 = Day(graph, "Clean", 2);
        var latest = new Dictionary<string, AttemptRecord>
        {
            [clean1.Id.Key] = Attempt(clean1, AttemptStatus.Failed, "exit code 1: disk full"),
            [clean2.Id.Key] = Attempt(clean2, AttemptStatus.Failed, "exit code 1"),
        };
        var leases = new Dictionary<string, LeaseRecord> { [clean2.Id.Key] = new(clean2.Id.Key, "host:42:7", Sandbox.Now.AddMinutes(1)) };

        var states = Named(await new StatusBoard(TargetStores.Local()).ReadAsync(graph, latest, leases, CancellationToken.None));

        Assert.Equal((InstanceState.Failed, "exit code 1: disk full"), (states["Clean@1"].State, states["Clean@1"].Reason));
        Assert.Equal((InstanceState.Running, "host:42:7 holds its lease"), (states["Clean@2"].State, states["Clean@2"].Reason));
        Assert.Equal(InstanceState.Complete, states["Summary"].State);
    }

    [Fact]
    public async Task Complete_days_of_the_overwrite_window_are_told_from_the_others()
    {
        var graph = _sandbox.Bind("Feed", Args(("interval", "2026-01-01-2026-01-04"), ("overwrite_n_days", "2")));
        Create(graph.Instances.Where(i => i.Family == "Raw" || i.Date?.Day != 3));

        var states = Named(await ReadAsync(graph));

        Assert.Equal(InstanceState.Complete, states["Clean@1"].State);
        Assert.Equal(InstanceState.OverwriteWindow, states["Clean@2"].State);
        Assert.StartsWith("inside the overwrite window", states["Clean@2"].Reason, StringComparison.Ordinal);
        Assert.Equal(InstanceState.Missing, states["Clean@3"].State);
    }

    private static Task<IReadOnlyList<InstanceStatus>> ReadAsync(TaskGraph graph) =>
        new StatusBoard(TargetStores.Local()).ReadAsync(graph, new Dictionary<string, AttemptRecord>(), new Dictionary<string, LeaseRecord>(), CancellationToken.None);

    private static AttemptRecord Attempt(TaskInstance task, AttemptStatus status, string error) =>
        new(1, task.Id.Key, task.Id.Text, task.Family, 1, status, Sandbox.Now, Sandbox.Now, error, null);

    private static Dictionary<string, InstanceStatus> Named(IReadOnlyList<InstanceStatus> states) =>
        states.ToDictionary(s => s.Task.Family + (s.Task.Date is { } d ? $"@{d.Day}" : ""));

    private static TaskInstance Day(TaskGraph graph, string family, int day) =>
        graph.Instances.Single(i => i.Family == family && i.Date == new DateOnly(2026, 1, day));

    private static void Create(IEnumerable<TaskInstance> tasks)
    {
        foreach (var target in tasks.SelectMany(t => t.Outputs))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Location)!);
            File.WriteAllText(target.Location, "done");
        }
    }
}
