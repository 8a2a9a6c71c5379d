using System.Text.Json.Serialization;

namespace Loader.Emr;

#pragma warning disable CA1002, CA2227, CA1056 // DTOs mirror the EMR wire format.

/// <summary>A key and value (EMR tags, configurations).</summary>
public sealed class KeyValue { public string? Key { get; set; } public string? Value { get; set; } }

/// <summary>The JAR a step runs and its arguments (command-runner.jar with a command line).</summary>
public sealed class HadoopJarStepConfig
{
    public string Jar { get; set; } = "command-runner.jar";
    public List<string> Args { get; set; } = [];
    public string? MainClass { get; set; }
    public List<KeyValue>? Properties { get; set; }
}

/// <summary>A step to add.</summary>
public sealed class StepConfig
{
    public string Name { get; set; } = "";
    public string ActionOnFailure { get; set; } = "CONTINUE";
    public HadoopJarStepConfig HadoopJarStep { get; set; } = new();
}

/// <summary>A step's state and why it changed.</summary>
public sealed class StepStatus
{
    public string State { get; set; } = "";
    public StateChangeReason? StateChangeReason { get; set; }
    public FailureDetails? FailureDetails { get; set; }
}

/// <summary>Why a state changed.</summary>
public sealed class StateChangeReason { public string? Code { get; set; } public string? Message { get; set; } }

/// <summary>What EMR knows about a failed step.</summary>
public sealed class FailureDetails { public string? Reason { get; set; } public string? Message { get; set; } public string? LogFile { get; set; } }

/// <summary>A step of a cluster.</summary>
public sealed class Step
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ActionOnFailure { get; set; }
    public HadoopJarStepConfig? Config { get; set; }
    public StepStatus Status { get; set; } = new();
}

/// <summary>A cluster's state.</summary>
public sealed class ClusterStatus
{
    public string State { get; set; } = "";
    public StateChangeReason? StateChangeReason { get; set; }
}

/// <summary>A cluster.</summary>
public sealed class Cluster
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public ClusterStatus Status { get; set; } = new();
    public string? LogUri { get; set; }
    public string? ReleaseLabel { get; set; }
    public string? MasterPublicDnsName { get; set; }
    public List<KeyValue>? Tags { get; set; }
}

/// <summary>A cluster in a listing.</summary>
public sealed class ClusterSummary
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public ClusterStatus Status { get; set; } = new();
}

/// <summary>An instance group of a new cluster.</summary>
public sealed class InstanceGroupConfig
{
    public string? Name { get; set; }
    public string InstanceRole { get; set; } = "MASTER";
    public string InstanceType { get; set; } = "m5.xlarge";
    public int InstanceCount { get; set; } = 1;
    public string? Market { get; set; }
    public string? BidPrice { get; set; }
}

/// <summary>Where a new cluster's instances go.</summary>
public sealed class JobFlowInstancesConfig
{
    public List<InstanceGroupConfig>? InstanceGroups { get; set; }
    public string? Ec2KeyName { get; set; }
    public string? Ec2SubnetId { get; set; }
    public bool KeepJobFlowAliveWhenNoSteps { get; set; } = true;
    public bool TerminationProtected { get; set; }
}

/// <summary>An application to install.</summary>
public sealed class Application { public string Name { get; set; } = ""; public string? Version { get; set; } }

/// <summary>A configuration classification (such as <c>spark-defaults</c>) with its properties.</summary>
public sealed class EmrConfiguration
{
    public string Classification { get; set; } = "";
    public Dictionary<string, string>? Properties { get; set; }
    public List<EmrConfiguration>? Configurations { get; set; }
}

/// <summary>A bootstrap action.</summary>
public sealed class BootstrapActionConfig
{
    public string Name { get; set; } = "";
    public ScriptBootstrapActionConfig ScriptBootstrapAction { get; set; } = new();
}

/// <summary>A bootstrap script and its arguments.</summary>
public sealed class ScriptBootstrapActionConfig { public string Path { get; set; } = ""; public List<string>? Args { get; set; } }

// Requests and responses.
public sealed class RunJobFlowRequest
{
    public string Name { get; set; } = "";
    public string? LogUri { get; set; }
    public string? ReleaseLabel { get; set; }
    public JobFlowInstancesConfig Instances { get; set; } = new();
    public List<StepConfig>? Steps { get; set; }
    public List<BootstrapActionConfig>? BootstrapActions { get; set; }
    public List<Application>? Applications { get; set; }
    public List<EmrConfiguration>? Configurations { get; set; }
    public List<KeyValue>? Tags { get; set; }
    public string? JobFlowRole { get; set; }
    public string? ServiceRole { get; set; }
    public bool? VisibleToAllUsers { get; set; }
}
public sealed class RunJobFlowResponse { public string JobFlowId { get; set; } = ""; public string? ClusterArn { get; set; } }
public sealed class DescribeClusterRequest { public string ClusterId { get; set; } = ""; }
public sealed class DescribeClusterResponse { public Cluster Cluster { get; set; } = new(); }
public sealed class ListClustersRequest { public List<string>? ClusterStates { get; set; } public string? Marker { get; set; } }
public sealed class ListClustersResponse { public List<ClusterSummary> Clusters { get; set; } = []; public string? Marker { get; set; } }
public sealed class AddJobFlowStepsRequest { public string JobFlowId { get; set; } = ""; public List<StepConfig> Steps { get; set; } = []; }
public sealed class AddJobFlowStepsResponse { public List<string> StepIds { get; set; } = []; }
public sealed class DescribeStepRequest { public string ClusterId { get; set; } = ""; public string StepId { get; set; } = ""; }
public sealed class DescribeStepResponse { public Step Step { get; set; } = new(); }
public sealed class ListStepsRequest { public string ClusterId { get; set; } = ""; public List<string>? StepStates { get; set; } public List<string>? StepIds { get; set; } public string? Marker { get; set; } }
public sealed class ListStepsResponse { public List<Step> Steps { get; set; } = []; public string? Marker { get; set; } }
public sealed class CancelStepsRequest { public string ClusterId { get; set; } = ""; public List<string> StepIds { get; set; } = []; public string? StepCancellationOption { get; set; } }
public sealed class CancelStepsInfo { public string? StepId { get; set; } public string? Status { get; set; } public string? Reason { get; set; } }
public sealed class CancelStepsResponse { public List<CancelStepsInfo> CancelStepsInfoList { get; set; } = []; }
public sealed class TerminateJobFlowsRequest { public List<string> JobFlowIds { get; set; } = []; }
public sealed class EmptyResponse { }

/// <summary>An EMR error body.</summary>
public sealed class EmrErrorBody
{
    [JsonPropertyName("__type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("Message")] public string? UpperMessage { get; set; }
}
