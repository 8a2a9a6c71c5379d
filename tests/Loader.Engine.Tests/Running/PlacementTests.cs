using System.Collections.Concurrent;
using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Running;
using Loader.Steps;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Running;

public sealed class PlacementTests : IAsyncDisposable
{
    private readonly RunHarness _harness = new();
    private readonly Cluster _cluster = new();

    public PlacementTests()
    {
        _harness.Sandbox.Steps.Add(new ClusterJob()).Add(_cluster);
        _harness.Sandbox.WriteWorkflow("w.yml", """
            workflow: W
            parameters: {interval: interval}
            tasks:
              Job:
                per_day: interval
                runs_on: cluster
                uses: cluster.job
                outputs: {out: "${config.data_dir}/job/${date}.txt"}
              Here:
                requires: Job
                uses: shell
                with: {command: "touch \"${outputs.out}\""}
                outputs: {out: "${config.data_dir}/here.txt"}
              Alone:
                uses: shell
                with: {command: "touch \"${outputs.out}\""}
                outputs: {out: "${config.data_dir}/alone.txt"}
            """);
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_run_readies_a_placement_once_for_all_its_tasks_there_and_releases_it_at_the_end()
    {
        var events = new RecordingSink();

        var result = await _harness.RunAsync("W", Args(("interval", "2026-01-01-2026-01-05")), events);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(1, _cluster.Opened);
        Assert.Equal(1, _cluster.Released);
        Assert.Equal(4, _cluster.SessionsSeen.Count);
        Assert.Single(_cluster.SessionsSeen.Distinct());
        Assert.Equal(["cluster up", "cluster down"], events.Of<RunNotice>().Select(n => n.Message));
        Assert.IsType<RunFinished>(events.Events[^1]);
    }

    [Fact]
    public async Task A_run_with_nothing_to_do_there_never_readies_it()
    {
        await _harness.RunAsync("W", Args(("interval", "2026-01-01-2026-01-03")));
        Assert.Equal(1, _cluster.Opened);

        var again = await _harness.RunAsync("W", Args(("interval", "2026-01-01-2026-01-03")));

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(0, again.Count(TaskOutcome.Succeeded));
        Assert.Equal(1, _cluster.Opened);
    }

    [Fact]
    public async Task A_placement_that_cannot_be_readied_fails_its_tasks_with_the_reason_and_the_rest_goes_on()
    {
        _cluster.Broken = true;

        var result = await _harness.RunAsync("W", Args(("interval", "2026-01-01-2026-01-03")));

        Assert.Equal(2, result.Count(TaskOutcome.Failed));
        Assert.All(result.Outcomes.Where(o => o.Key.Family == "Job"), o => Assert.Contains("the cluster would not start", o.Value.Reason, StringComparison.Ordinal));
        Assert.Equal(TaskOutcome.Succeeded, result.Outcomes.Single(o => o.Key.Family == "Alone").Value.Outcome);
        Assert.Equal(1, _cluster.Opened);
        Assert.Equal(0, _cluster.Released);
    }

    private sealed class Cluster : IPlacement
    {
        public int Opened;
        public int Released;

        public bool Broken { get; set; }

        public ConcurrentBag<IPlacementSession> SessionsSeen { get; } = [];

        public string Name => "cluster";

        public async Task<IPlacementSession> OpenAsync(PlacementContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Opened);
            await Task.Delay(50, cancellationToken);
            if (Broken)
            {
                throw new StepFailedException("the cluster would not start");
            }
            context.Notice("cluster up");
            return new Session(this, context.Notice);
        }

        public sealed class Session(Cluster cluster, Action<string> notice) : IPlacementSession
        {
            public Cluster Owner => cluster;

            public ValueTask DisposeAsync()
            {
                Interlocked.Increment(ref cluster.Released);
                notice("cluster down");
                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class ClusterJob : IStep
    {
        public StepDescriptor Descriptor { get; } = new("cluster.job", "Writes its output on the cluster.", [], RunsOn: "cluster");

        public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            var session = Assert.IsType<Cluster.Session>(context.Placement);
            session.Owner.SessionsSeen.Add(session);
            await File.WriteAllTextAsync(context.Outputs["out"], "done", cancellationToken);
        }
    }
}
