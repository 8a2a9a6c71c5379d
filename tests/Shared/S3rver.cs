using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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

    private Process? _process;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-mysql-s3rver", Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; private set; }

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

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));

    public async Task InitializeAsync()
    {
        var launcher = Path.Combine(RepositoryRoot(), "tools", "s3rver", "serve.js");
        var package = Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", "s3rver", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException($"s3rver is not installed ({package} is missing): run scripts/prepare.sh (it runs npm ci in tools/s3rver)");
        }
        Directory.CreateDirectory(Path.Combine(Folder, "data"));
        for (var attempt = 1; _process is null; attempt++)
        {
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "--openssl-legacy-provider", launcher, "-d", Path.Combine(Folder, "data"), "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            if (await ListeningAsync(process))
            {
                _process = process;
            }
            else
            {
                var output = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
                Stop(process);
                if (attempt == 3)
                {
                    throw new InvalidOperationException($"s3rver did not start on 127.0.0.1:{Port}: {output}");
                }
            }
        }
        Client = new AmazonS3Client(new BasicAWSCredentials(Key, Key), new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{Port}",
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    /// <summary>A client for the server, signed with its key.</summary>
    public AmazonS3Client Client { get; private set; } = null!;

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
        if (_process is not null)
        {
            Stop(_process);
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private async Task<bool> ListeningAsync(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process.Dispose();
    }
}
