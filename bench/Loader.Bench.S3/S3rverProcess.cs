using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Loader.S3.Settings;

namespace Loader.Bench.S3;

/// <summary>s3rver (tools/s3rver/serve.js, installed by scripts/prepare.sh) on a free 127.0.0.1 port, stopped on dispose.</summary>
internal sealed class S3rverProcess : IDisposable
{
    private readonly Process _process;

    private S3rverProcess(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>Settings that reach the server: path-style, its fixed key, no chunked encoding.</summary>
    public S3Settings Settings => new()
    {
        Endpoint = new Uri($"http://127.0.0.1:{Port}"),
        Region = "us-east-1",
        ForcePathStyle = true,
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        ChunkedEncoding = false,
        StagingFolder = Path.Combine(Folder, "staging"),
    };

    public static async Task<S3rverProcess> StartAsync()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "s3rver");
        if (!File.Exists(Path.Combine(tools, "node_modules", "s3rver", "package.json")))
        {
            throw new InvalidOperationException($"s3rver is not installed in {tools}: run scripts/prepare.sh");
        }
        var folder = Path.Combine(Path.GetTempPath(), "loader-bench-s3", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--openssl-legacy-provider", Path.Combine(tools, "serve.js"), "-d", Path.Combine(folder, "data"), "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        for (var waited = 0; waited < 300 && !process.HasExited; waited++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new S3rverProcess(process, port, folder);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"s3rver did not start on 127.0.0.1:{port}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
