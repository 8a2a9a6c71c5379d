using Loader.Emr.Tests.Support;

namespace Loader.Emr.Tests;

public sealed class ClusterSpecTests : IAsyncLifetime
{
    private FakeEmr _emr = null!;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cluster-{Guid.NewGuid():N}.yml");

    public async Task InitializeAsync() => _emr = await FakeEmr.StartAsync();

    public async Task DisposeAsync()
    {
        await _emr.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task Up_creates_the_cluster_from_the_file_once_then_reuses_it()
    {
        await File.WriteAllTextAsync(_file, """
            name: analytics
            release_label: emr-7.5.0
            log_uri: s3://logs/emr/
            keypair: ops
            subnet: subnet-1
            applications: [Spark, Hive]
            instance_groups:
              master: {count: 1, type: m5.xlarge}
              core: {count: 2, type: r5.2xlarge, market: spot, bid_price: "0.40"}
            bootstrap_actions:
              - {name: deps, path: "s3://code/bootstrap.sh", args: [--fast]}
            tags: {team: data}
            """);
        var spec = ClusterSpec.Load(_file);
        var request = spec.ToRequest();
        Assert.Equal("analytics", request.Name);
        var core = Assert.Single(request.Instances.InstanceGroups!, g => g.InstanceRole == "CORE");
        Assert.Equal(("SPOT", "0.40", 2, "r5.2xlarge"), (core.Market, core.BidPrice, core.InstanceCount, core.InstanceType));
        Assert.Equal("s3://code/bootstrap.sh", request.BootstrapActions!.Single().ScriptBootstrapAction.Path);
        Assert.True(request.Instances.KeepJobFlowAliveWhenNoSteps);

        using var client = new EmrClient(_emr.Settings());
        var lines = new List<string>();
        var (id, created) = await EmrClusters.UpAsync(client, spec, lines.Add, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.True(created);
        Assert.Equal("WAITING", _emr.ClusterState(id));
        Assert.Contains($"cluster {id}: WAITING", lines);
        var again = await EmrClusters.UpAsync(client, spec, lines.Add, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Equal((id, false), again);
    }

    [Fact]
    public async Task A_bad_cluster_file_names_the_problem()
    {
        await File.WriteAllTextAsync(_file, "name: x\ninstance_groups:\n  driver: {count: 1}\n");
        var error = Assert.Throws<Loader.Configuration.ConfigurationException>(() => ClusterSpec.Load(_file));
        Assert.Contains("instance group 'driver' must be master, core or task", error.Message, StringComparison.Ordinal);
    }
}
