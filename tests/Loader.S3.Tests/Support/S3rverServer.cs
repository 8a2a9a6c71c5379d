using Loader.S3.Client;
using Loader.S3.Settings;
using Loader.S3.Targets;
using Loader.Tests.Shared;

namespace Loader.S3.Tests.Support;

/// <summary>
/// A real S3-compatible server (npm s3rver, installed by scripts/prepare.sh into tools/s3rver) on a free
/// 127.0.0.1 port, one for the whole test run. A machine without it fails the tests; it never skips them.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime
{
    /// <summary>The only access key (and secret) s3rver accepts.</summary>
    public const string Key = "S3RVER";

    private S3rverProcess? _process;
    private S3Objects? _admin;

    /// <summary>The temporary folder holding the server's data and the stores' staging.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-s3-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The server's port.</summary>
    public int Port => _process?.Port ?? throw new InvalidOperationException("s3rver has not started");

    /// <summary>Settings that reach the server: path-style, its fixed key, no chunked encoding.</summary>
    public S3Settings Settings => new()
    {
        Endpoint = new Uri($"http://127.0.0.1:{Port}"),
        Region = "us-east-1",
        ForcePathStyle = true,
        AccessKey = Key,
        SecretKey = Key,
        ChunkedEncoding = false,
        StagingFolder = Path.Combine(Folder, "staging"),
    };

    /// <summary>The same settings as configuration keys (for <c>LOADER_s3__...</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string> ConfigurationKeys => new Dictionary<string, string>
    {
        ["s3:endpoint"] = $"http://127.0.0.1:{Port}",
        ["s3:region"] = "us-east-1",
        ["s3:force_path_style"] = "true",
        ["s3:access_key"] = Key,
        ["s3:secret_key"] = Key,
        ["s3:chunked_encoding"] = "false",
        ["s3:staging"] = Path.Combine(Folder, "staging"),
    };

    /// <summary>A client for arranging and inspecting buckets, apart from the store under test and its counter.</summary>
    internal S3Objects Admin => _admin ?? throw new InvalidOperationException("the server has not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _process = await S3rverProcess.StartAsync(Path.Combine(Folder, "data"));
        _admin = new S3Objects(S3ClientFactory.Create(Settings, new S3RequestCounter()), Settings);
    }

    /// <summary>A new, empty bucket with a unique name.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..20];
        await Admin.Client.PutBucketAsync(name);
        return name;
    }

    /// <summary>A new store on this server, with its own request counter.</summary>
    public S3TargetStore NewStore() => new(Settings);

    /// <summary>Writes <paramref name="text"/> at <paramref name="bucket"/>/<paramref name="key"/>.</summary>
    public Task PutAsync(string bucket, string key, string text = "x") =>
        Admin.PutTextAsync(new Loader.S3.Addressing.S3Location(bucket, key), text, CancellationToken.None);

    /// <summary>The object's content as text.</summary>
    public async Task<string> ReadAsync(string bucket, string key)
    {
        using var response = await Admin.Client.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Every key in <paramref name="bucket"/> under <paramref name="prefix"/>, sorted.</summary>
    public async Task<List<string>> KeysAsync(string bucket, string prefix = "") =>
        [.. (await Admin.ListAllAsync(new Loader.S3.Addressing.S3Location(bucket, prefix), CancellationToken.None)).Select(o => o.Key).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _admin?.Dispose();
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
