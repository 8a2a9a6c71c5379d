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
    public async Task The_edx_cluster_vars_file_becomes_a_RunJobFlow_request()
    {
        await File.WriteAllTextAsync(_file, """
            {
                name: analytics,
                keypair_name: ops,
                vpc_subnet_id: subnet-1,
                log_uri: "s3://logs/emr/",
                instance_groups: {
                    master: {num_instances: 1, type: m5.xlarge, market: ON_DEMAND},
                    core: {num_instances: 2, type: r5.2xlarge, market: SPOT, bidprice: 0.40},
                    task: {num_instances: 1, type: r5.2xlarge, market: SPOT, bidprice: 0.40}
                },
                bootstrap_actions: {
                    deps: {path: "s3://code/bootstrap.sh", args: [--fast]}
                },
                steps: [
                    { type: hive_install },
                    { type: script, name: Install Sqoop, step_args: ["s3://code/install-sqoop", "s3://code"] }
                ],
                user_info: [],
                applications: [Spark],
                configurations: [{classification: spark-defaults, properties: {spark.executor.memory: 4g}}],
                tags: {team: data}
            }
            """);
        var spec = ClusterSpec.Load(_file);
        var request = spec.ToRequest("us-east-1");
        Assert.Equal(("ops", "subnet-1"), (request.Instances.Ec2KeyName, request.Instances.Ec2SubnetId));
        Assert.Equal(["Spark", "Hive"], request.Applications!.Select(a => a.Name));
        var setup = Assert.Single(request.Steps!);
        Assert.Equal(("Install Sqoop", "s3://us-east-1.elasticmapreduce/libs/script-runner/script-runner.jar", "TERMINATE_CLUSTER"), (setup.Name, setup.HadoopJarStep.Jar, setup.ActionOnFailure));
        Assert.Equal(["s3://code/install-sqoop", "s3://code"], setup.HadoopJarStep.Args);
        Assert.Equal("4g", request.Configurations!.Single().Properties!["spark.executor.memory"]);
        Assert.Equal("analytics", request.Name);
        var core = Assert.Single(request.Instances.InstanceGroups!, g => g.InstanceRole == "CORE");
        Assert.Equal(("SPOT", "0.40", 2, "r5.2xlarge"), (core.Market, core.BidPrice, core.InstanceCount, core.InstanceType));
        Assert.Equal(3, request.Instances.InstanceGroups!.Count);
        Assert.Equal("s3://code/bootstrap.sh", request.BootstrapActions!.Single().ScriptBootstrapAction.Path);
        Assert.True(request.Instances.KeepJobFlowAliveWhenNoSteps);
    }

    [Fact]
    public async Task Up_creates_the_cluster_once_waits_for_it_and_then_reuses_it()
    {
        await File.WriteAllTextAsync(_file, "name: analytics\ninstance_groups:\n  master: {num_instances: 1, type: m5.xlarge}\n");
        var spec = ClusterSpec.Load(_file);
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
        await File.WriteAllTextAsync(_file, "name: x\ninstance_groups:\n  driver: {num_instances: 1}\n");
        var error = Assert.Throws<Loader.Configuration.ConfigurationException>(() => ClusterSpec.Load(_file));
        Assert.Contains("instance group 'driver' must be master, core or task", error.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(_file, "name: x\ninstance_groups:\n  master: {count: 1}\n");
        var unknown = Assert.Throws<Loader.Configuration.ConfigurationException>(() => ClusterSpec.Load(_file));
        Assert.StartsWith($"{_file}:3:", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("count", unknown.Message, StringComparison.Ordinal);
    }
}
