using Loader.Configuration;
using Microsoft.Extensions.Configuration;

namespace Loader.Emr;

/// <summary>How to reach EMR, from the <c>emr:</c> configuration section; every key is optional.</summary>
public sealed record EmrSettings
{
    /// <summary>The configuration section: <c>emr</c>.</summary>
    public const string Section = "emr";

    /// <summary>Where the cluster file is looked for when <c>emr.cluster_file</c> is not set.</summary>
    public static readonly string DefaultClusterFile = Path.Combine("config", "emr", "cluster.yml");

    /// <summary>The region requests are signed for (default <c>us-east-1</c>).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>A service URL replacing <c>https://elasticmapreduce.REGION.amazonaws.com</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The access key id; without it the AWS SDK's credential chain is used.</summary>
    public string? AccessKey { get; init; }

    /// <summary>The secret access key (keep it in <c>config/secret.yml</c>).</summary>
    public string? SecretKey { get; init; }

    /// <summary>How often a step's state is asked for at first; the interval doubles up to <see cref="MaxPoll"/>.</summary>
    public TimeSpan Poll { get; init; } = EmrConfig.Poll.Fallback;

    /// <summary>The longest wait between two polls.</summary>
    public TimeSpan MaxPoll { get; init; } = EmrConfig.MaxPoll.Fallback;

    /// <summary>How many times a throttled or 5xx request is retried.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>The first retry delay (doubling, with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = EmrConfig.RetryDelay.Fallback;

    /// <summary>The run's cluster: an id (<c>j-...</c>) or a name; without it, the name in <see cref="ClusterFile"/>.</summary>
    public string? Cluster { get; init; }

    /// <summary>The cluster file a missing cluster is created from (default <c>config/emr/cluster.yml</c>, when it exists).</summary>
    public string? ClusterFile { get; init; }

    /// <summary>Whether the run terminates its cluster when it ends, succeeded, failed or cancelled.</summary>
    public bool Terminate { get; init; }

    /// <summary>How long a run waits for its cluster to be WAITING.</summary>
    public TimeSpan StartTimeout { get; init; } = EmrConfig.StartTimeout.Fallback;

    /// <summary>The URL requests go to.</summary>
    public Uri ServiceUrl => Endpoint ?? new Uri($"https://elasticmapreduce.{Region}.amazonaws.com/");

    /// <summary>Reads the <c>emr:</c> section.</summary>
    public static EmrSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new EmrSettings
        {
            Region = Text(section, "region") ?? "us-east-1",
            AccessKey = Text(section, "access_key"),
            SecretKey = Text(section, "secret_key"),
            Cluster = Text(section, "cluster"),
            ClusterFile = Text(section, "cluster_file") ?? (File.Exists(DefaultClusterFile) ? DefaultClusterFile : null),
            Terminate = EmrConfig.Terminate.Read(configuration),
            Endpoint = EmrConfig.Endpoint.Read(configuration),
            Poll = EmrConfig.Poll.Read(configuration),
            MaxPoll = EmrConfig.MaxPoll.Read(configuration),
            StartTimeout = EmrConfig.StartTimeout.Read(configuration),
            RetryDelay = EmrConfig.RetryDelay.Read(configuration),
        };
        if ((settings.AccessKey is null) != (settings.SecretKey is null))
        {
            throw new ConfigurationException("emr.access_key and emr.secret_key go together: give both (the secret in config/secret.yml), or neither to use the AWS SDK's credential chain");
        }
        return settings;
    }

    // What a record would print, without the secret key.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Region = {Region}, Endpoint = {ServiceUrl}, AccessKey = {AccessKey ?? "(SDK chain)"}, Cluster = {Cluster}, ClusterFile = {ClusterFile}, Terminate = {Terminate}");
        return true;
    }

    private static string? Text(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? value.Trim() : null;
}
