using Loader.Configuration;
using Loader.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Loader.Emr;

#pragma warning disable CA1002, CA2227 // A settings file's shape.

/// <summary>
/// A long-running cluster as <c>config/emr/cluster.yml</c> describes it, in the shape of the edX analytics
/// configuration's cluster vars file (so such a file can be brought over): name, keypair_name, vpc_subnet_id, log_uri,
/// instance_groups (master, core, task: num_instances, type, market, bidprice), bootstrap_actions by name, setup
/// steps, plus release_label, applications, configurations and tags.
/// </summary>
public sealed class ClusterSpec
{
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public string ReleaseLabel { get; set; } = "emr-7.5.0";
    public string? LogUri { get; set; }
    public string? KeypairName { get; set; }
    public string? VpcSubnetId { get; set; }
    public List<string> Applications { get; set; } = ["Hadoop", "Hive", "Spark"];
    public Dictionary<string, InstanceGroupSpec> InstanceGroups { get; set; } = new() { ["master"] = new() };
    public Dictionary<string, BootstrapSpec> BootstrapActions { get; set; } = [];
    public List<SetupStepSpec> Steps { get; set; } = [];
    public List<EmrConfiguration> Configurations { get; set; } = [];
    public Dictionary<string, string> Tags { get; set; } = [];
    public string JobFlowRole { get; set; } = "EMR_EC2_DefaultRole";
    public string ServiceRole { get; set; } = "EMR_DefaultRole";

    /// <summary>Accounts the edX playbook made on the master node; SSH access is the remote: section's concern here, so it is read and not used.</summary>
    public List<object> UserInfo { get; set; } = [];

    /// <summary>An instance group: master, core or task.</summary>
    public sealed class InstanceGroupSpec
    {
        public int NumInstances { get; set; } = 1;
        public string Type { get; set; } = "m5.xlarge";
        public string Market { get; set; } = "ON_DEMAND";
        public string? Bidprice { get; set; }
    }

    /// <summary>A bootstrap script, named by its key.</summary>
    public sealed class BootstrapSpec
    {
        public string Path { get; set; } = "";
        public List<string> Args { get; set; } = [];
    }

    /// <summary>A step the cluster runs once when it starts: <c>script</c> (script-runner), <c>command</c> (command-runner) or <c>hive_install</c>.</summary>
    public sealed class SetupStepSpec
    {
        public string Type { get; set; } = "";
        public string? Name { get; set; }
        public List<string> StepArgs { get; set; } = [];
    }

    /// <summary>Reads a cluster file; a <see cref="ConfigurationException"/> naming the file for a bad one.</summary>
    public static ClusterSpec Load(string path)
    {
        ClusterSpec spec;
        var yaml = "";
        try
        {
            yaml = YamlLimits.ReadText(path);
            YamlLimits.Check(yaml);
            spec = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<ClusterSpec>(yaml)
                ?? throw new ConfigurationException($"{path} is empty");
        }
        catch (YamlLimitException e)
        {
            throw new ConfigurationException($"{path}{e.Where}: {e.Message}", e);
        }
        catch (YamlException e)
        {
            var at = YamlLimits.Where(e, yaml);
            throw new ConfigurationException($"{path}:{at.Line}:{at.Column}: {YamlLimits.Reason(e)}", e);
        }
        if (spec.Name.Length == 0)
        {
            throw new ConfigurationException($"{path}: 'name' is required");
        }
        foreach (var (role, group) in spec.InstanceGroups)
        {
            if (role.ToUpperInvariant() is not ("MASTER" or "CORE" or "TASK"))
            {
                throw new ConfigurationException($"{path}: instance group '{role}' must be master, core or task");
            }
            if (group.Market.ToUpperInvariant() is not ("ON_DEMAND" or "SPOT"))
            {
                throw new ConfigurationException($"{path}: instance group '{role}': market must be ON_DEMAND or SPOT, not '{group.Market}'");
            }
        }
        foreach (var step in spec.Steps.Where(s => s.Type is not ("script" or "command" or "hive_install")))
        {
            throw new ConfigurationException($"{path}: step type '{step.Type}' is not known: use script (script-runner.jar), command (command-runner.jar) or hive_install");
        }
        return spec;
    }

    /// <summary>The RunJobFlow request that creates this cluster in <paramref name="region"/>, kept alive when it has no steps.</summary>
    public RunJobFlowRequest ToRequest(string region) => new()
    {
        Name = Name,
        ReleaseLabel = ReleaseLabel,
        LogUri = LogUri,
        // Hive comes with the release as an application; hive_install asks for it the old way.
        Applications = [.. Applications.Union(Steps.Any(s => s.Type == "hive_install") ? ["Hive"] : []).Select(a => new Application { Name = a })],
        Instances = new JobFlowInstancesConfig
        {
            Ec2KeyName = KeypairName,
            Ec2SubnetId = VpcSubnetId,
            KeepJobFlowAliveWhenNoSteps = true,
            InstanceGroups = [.. InstanceGroups.Select(g => new InstanceGroupConfig
            {
                Name = g.Key,
                InstanceRole = g.Key.ToUpperInvariant(),
                InstanceType = g.Value.Type,
                InstanceCount = g.Value.NumInstances,
                Market = g.Value.Market.ToUpperInvariant(),
                BidPrice = g.Value.Bidprice,
            })],
        },
        BootstrapActions = BootstrapActions.Count == 0 ? null : [.. BootstrapActions.Select(b => new BootstrapActionConfig
        {
            Name = b.Key,
            ScriptBootstrapAction = new ScriptBootstrapActionConfig { Path = b.Value.Path, Args = b.Value.Args },
        })],
        Steps = Steps.Any(s => s.Type != "hive_install") ? [.. Steps.Where(s => s.Type != "hive_install").Select(s => new StepConfig
        {
            Name = s.Name ?? s.Type,
            ActionOnFailure = "TERMINATE_CLUSTER",
            HadoopJarStep = new HadoopJarStepConfig
            {
                Jar = s.Type == "script" ? $"s3://{region}.elasticmapreduce/libs/script-runner/script-runner.jar" : "command-runner.jar",
                Args = s.StepArgs,
            },
        })] : null,
        Configurations = Configurations.Count == 0 ? null : Configurations,
        Tags = Tags.Count == 0 ? null : [.. Tags.Select(t => new KeyValue { Key = t.Key, Value = t.Value })],
        JobFlowRole = JobFlowRole,
        ServiceRole = ServiceRole,
        VisibleToAllUsers = true,
    };
}
