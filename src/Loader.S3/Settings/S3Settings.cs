using Loader.Configuration;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Settings;

/// <summary>
/// How to reach S3, from the <c>s3:</c> configuration section. Every key is optional: without any, the AWS SDK's
/// own defaults apply (its region and credential chain: environment, profile, instance role).
/// </summary>
public sealed record S3Settings
{
    /// <summary>The configuration section: <c>s3</c>.</summary>
    public const string Section = "s3";

    /// <summary>A service URL such as <c>http://127.0.0.1:4568</c> for an S3-compatible server; null for AWS.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region requests are signed for (<c>s3.region</c>); null for the SDK's default.</summary>
    public string? Region { get; init; }

    /// <summary>Whether buckets go in the path (<c>endpoint/bucket/key</c>) instead of the host name.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>The access key id; with <see cref="SecretKey"/>, replaces the SDK's credential chain.</summary>
    public string? AccessKey { get; init; }

    /// <summary>The secret access key (keep it in <c>config/secret.yml</c>).</summary>
    public string? SecretKey { get; init; }

    /// <summary>
    /// Whether uploads may use aws-chunked encoding and the SDK's default request checksums. Some S3-compatible
    /// servers store such bodies as they arrive, chunk headers included: set <c>s3.chunked_encoding: false</c> for them.
    /// </summary>
    public bool ChunkedEncoding { get; init; } = true;

    /// <summary>Where outputs are staged on this machine before they are uploaded (default: the system's temp folder).</summary>
    public string StagingFolder { get; init; } = Path.Combine(Path.GetTempPath(), "loader-s3");

    /// <summary>How many objects are uploaded, downloaded or copied at once for one prefix.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Files larger than this are uploaded in parts of <see cref="PartSize"/>.</summary>
    public long MultipartThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>The size of one part of a multipart upload (S3's minimum is 5 MiB).</summary>
    public long PartSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>Reads the <c>s3:</c> section; a <see cref="ConfigurationException"/> naming the key for a bad value.</summary>
    public static S3Settings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new S3Settings
        {
            Endpoint = EndpointOf(Text(section, "endpoint")),
            Region = Text(section, "region"),
            ForcePathStyle = Flag(section, "force_path_style", false),
            AccessKey = Text(section, "access_key"),
            SecretKey = Text(section, "secret_key"),
            ChunkedEncoding = Flag(section, "chunked_encoding", true),
        };
        if (Text(section, "staging") is { } staging)
        {
            settings = settings with { StagingFolder = Path.GetFullPath(staging) };
        }
        if (Text(section, "concurrency") is { } concurrency)
        {
            settings = settings with
            {
                Concurrency = int.TryParse(concurrency, out var n) && n is >= 1 and <= 64
                    ? n
                    : throw new ConfigurationException($"s3.concurrency must be a whole number from 1 to 64, not '{concurrency}'"),
            };
        }
        if ((settings.AccessKey is null) != (settings.SecretKey is null))
        {
            throw new ConfigurationException(settings.AccessKey is null
                ? "s3.secret_key is set but s3.access_key is not: give both (the secret in config/secret.yml), or neither to use the AWS SDK's credential chain"
                : "s3.access_key is set but s3.secret_key is not: put s3.secret_key in config/secret.yml, or remove s3.access_key to use the AWS SDK's credential chain");
        }
        return settings;
    }

    /// <summary>Where requests go, for messages: the endpoint, or AWS in the region.</summary>
    public string Describe() => Endpoint?.ToString().TrimEnd('/') ?? $"AWS S3 ({Region ?? "the SDK's default region"})";

    private static string? Text(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? value.Trim() : null;

    private static bool Flag(IConfigurationSection section, string key, bool fallback) => Text(section, key)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        var other => throw new ConfigurationException($"s3.{key} must be true or false, not '{other}'"),
    };

    private static Uri? EndpointOf(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationException($"s3.endpoint '{text}' is not an http:// or https:// URL, such as http://127.0.0.1:4568 or https://s3.eu-west-1.amazonaws.com");
    }
}
