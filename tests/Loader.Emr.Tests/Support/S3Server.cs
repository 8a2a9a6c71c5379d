using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Loader.Emr.Tests.Support;

/// <summary>s3rver (tools/s3rver, installed by scripts/prepare.sh) on a free port, for step logs; one per test class.</summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Key = "S3RVER";

    private Process? _process;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-emr-s3", Guid.NewGuid().ToString("N"));

    public int Port { get; private set; }

    public AmazonS3Client Client { get; private set; } = null!;

    /// <summary>The <c>s3:</c> settings as configuration keys.</summary>
    public Dictionary<string, string> ConfigurationKeys => new()
    {
        ["s3:endpoint"] = $"http://127.0.0.1:{Port}",
        ["s3:region"] = "us-east-1",
        ["s3:force_path_style"] = "true",
        ["s3:access_key"] = Key,
        ["s3:secret_key"] = Key,
        ["s3:chunked_encoding"] = "false",
    };

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        if (!File.Exists(Path.Combine(root, "tools", "s3rver", "node_modules", "s3rver", "package.json")))
        {
            throw new InvalidOperationException("s3rver is not installed: run scripts/prepare.sh");
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
            foreach (var arg in new[] { "--openssl-legacy-provider", Path.Combine(root, "tools", "s3rver", "serve.js"), "-d", Path.Combine(Folder, "data"), "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
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
                process.Kill(entireProcessTree: true);
                process.Dispose();
                if (attempt == 3)
                {
                    throw new InvalidOperationException($"s3rver did not start on 127.0.0.1:{Port}");
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

    /// <summary>A new bucket.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = "emr-" + Guid.NewGuid().ToString("N")[..16];
        await Client.PutBucketAsync(name);
        return name;
    }

    /// <summary>Writes bytes at an s3:// log URI plus a key under it.</summary>
    public async Task PutAsync(string logUri, string key, byte[] bytes)
    {
        var uri = new Uri(logUri);
        var prefix = uri.AbsolutePath.Trim('/');
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = uri.Host,
            Key = (prefix.Length == 0 ? "" : prefix + "/") + key,
            InputStream = new MemoryStream(bytes),
            UseChunkEncoding = false,
        });
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
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

    internal static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
