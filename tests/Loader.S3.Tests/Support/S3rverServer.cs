using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Loader.S3.Client;
using Loader.S3.Settings;
using Loader.S3.Targets;

namespace Loader.S3.Tests.Support;

/// <summary>
/// A real S3-compatible server (npm s3rver, installed by scripts/prepare.sh into tools/s3rver) on a free
/// 127.0.0.1 port, one for the whole test run. A machine without it fails the tests; it never skips them.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime
{
    /// <summary>The only access key (and secret) s3rver accepts.</summary>
    public const string Key = "S3RVER";

    private Process? _process;
    private S3Objects? _admin;

    /// <summary>The temporary folder holding the server's data and the stores' staging.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-s3-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The server's port.</summary>
    public int Port { get; private set; }

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

    /// <summary>The script that starts s3rver with the fixes the AWS SDK needs (see its header).</summary>
    public static string Launcher => Path.Combine(RepositoryRoot(), "tools", "s3rver", "serve.js");

    /// <summary>The s3rver package, installed by <c>npm ci</c>.</summary>
    public static string Package => Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", "s3rver", "package.json");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Package))
        {
            throw new InvalidOperationException($"s3rver is not installed ({Package} is missing): run scripts/prepare.sh (it runs npm ci in tools/s3rver)");
        }
        Directory.CreateDirectory(Path.Combine(Folder, "data"));
        for (var attempt = 1; _process is null; attempt++)
        {
            Port = FreePort();
            var process = Start();
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

    private Process Start()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var log = Environment.GetEnvironmentVariable("LOADER_S3RVER_LOG");
        string[] args = ["--openssl-legacy-provider", Launcher, "-d", Path.Combine(Folder, "data"), "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var arg in log is null ? args : [.. args, "--verbose"])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        // LOADER_S3RVER_LOG=FILE keeps the server's request log, for debugging a test.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && log is not null)
            {
                File.AppendAllText(log, e.Data + Environment.NewLine);
            }
        };
        process.BeginOutputReadLine();
        return process;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
