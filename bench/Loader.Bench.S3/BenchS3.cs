using Loader.S3.Settings;
using Loader.Tests.Shared;

namespace Loader.Bench.S3;

/// <summary>s3rver for the benchmark, in a temporary folder removed on dispose, and the settings that reach it.</summary>
internal sealed class BenchS3 : IDisposable
{
    private readonly S3rverProcess _process;
    private readonly string _folder;

    private BenchS3(S3rverProcess process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    public int Port => _process.Port;

    /// <summary>Settings that reach the server: path-style, its fixed key, no chunked encoding.</summary>
    public S3Settings Settings => new()
    {
        Endpoint = new Uri($"http://127.0.0.1:{Port}"),
        Region = "us-east-1",
        ForcePathStyle = true,
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        ChunkedEncoding = false,
        StagingFolder = Path.Combine(_folder, "staging"),
    };

    public static async Task<BenchS3> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loader-bench-s3", Guid.NewGuid().ToString("N"));
        return new BenchS3(await S3rverProcess.StartAsync(Path.Combine(folder, "data")), folder);
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
