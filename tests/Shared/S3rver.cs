using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Loader.Configuration;
using Loader.S3.Client;
using Microsoft.Extensions.Configuration;

namespace Loader.Tests.Shared;

/// <summary>
/// A real S3-compatible server (npm s3rver from tools/s3rver, installed by scripts/prepare.sh) on a free 127.0.0.1
/// port, one per test class, for the test projects that keep files on S3 (MySQL sources and credentials, EMR step
/// logs and outputs). A machine without it fails the tests; it never skips them.
/// </summary>
public sealed class S3rver : IAsyncLifetime
{
    /// <summary>The only access key (and secret) s3rver accepts.</summary>
    public const string Key = "S3RVER";

    private S3rverProcess? _process;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-s3rver", Guid.NewGuid().ToString("N")[..12]);

    public int Port => _process?.Port ?? throw new InvalidOperationException("s3rver has not started");

    /// <summary>A client for the server, signed with its key.</summary>
    public AmazonS3Client Client { get; private set; } = null!;

    /// <summary>The <c>s3:</c> settings that reach the server, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> ConfigurationKeys => new Dictionary<string, string?>
    {
        ["s3:endpoint"] = $"http://127.0.0.1:{Port}",
        ["s3:region"] = "us-east-1",
        ["s3:force_path_style"] = "true",
        ["s3:access_key"] = Key,
        ["s3:secret_key"] = Key,
        ["s3:chunked_encoding"] = "false",
    };

    /// <summary>The same settings as the <c>s3:</c> section of a YAML file.</summary>
    public string Yaml => "s3:\n" + string.Concat(ConfigurationKeys.Select(k => $"  {k.Key[3..]}: \"{k.Value}\"\n"));

    /// <summary>Local files and <c>s3://</c> URLs on this server, as <c>loader</c> reads them.</summary>
    public FileSources Files(IDictionary<string, string?>? more = null) =>
        FileSources.Local().AddS3(new ConfigurationBuilder().AddInMemoryCollection(ConfigurationKeys).AddInMemoryCollection(more ?? new Dictionary<string, string?>()).Build());

    public async Task InitializeAsync()
    {
        _process = await S3rverProcess.StartAsync(Path.Combine(Folder, "data"));
        Client = new AmazonS3Client(new BasicAWSCredentials(Key, Key), new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{Port}",
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    /// <summary>A new, empty bucket; its name.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var bucket = "t-" + Guid.NewGuid().ToString("N")[..20];
        await Client.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="key"/> under the <c>s3://</c> prefix <paramref name="prefixUrl"/>.</summary>
    public async Task PutAsync(string prefixUrl, string key, byte[] bytes)
    {
        var prefix = Loader.S3.Addressing.S3Location.Parse(prefixUrl.TrimEnd('/') + "/");
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = prefix.Bucket,
            Key = prefix.Key + key,
            InputStream = new MemoryStream(bytes),
            UseChunkEncoding = false,
        });
    }

    /// <summary>Writes <paramref name="text"/> to a new bucket at <paramref name="key"/>; returns its <c>s3://</c> URL.</summary>
    public async Task<string> PutAsync(string key, string text)
    {
        var bucket = await CreateBucketAsync();
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text, UseChunkEncoding = false });
        return $"s3://{bucket}/{key}";
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
