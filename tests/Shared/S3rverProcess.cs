using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Loader.Tests.Shared;

/// <summary>
/// The s3rver node process (tools/s3rver, installed by scripts/prepare.sh) serving a data folder on a free
/// 127.0.0.1 port; ready once it listens, stopped with its children. <c>LOADER_S3RVER_LOG=FILE</c> keeps its
/// request log, for debugging a test.
/// </summary>
internal sealed class S3rverProcess : IDisposable
{
    private readonly Process _process;

    private S3rverProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Starts it on <paramref name="dataFolder"/> (three tries, each on a new free port); a clear error when it is not installed or will not start.</summary>
    public static async Task<S3rverProcess> StartAsync(string dataFolder)
    {
        var launcher = Path.Combine(RepositoryRoot(), "tools", "s3rver", "serve.js");
        var package = Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", "s3rver", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException($"s3rver is not installed ({package} is missing): run scripts/prepare.sh (it runs npm ci in tools/s3rver)");
        }
        Directory.CreateDirectory(dataFolder);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var process = Start(launcher, dataFolder, port);
            if (await ListeningAsync(process, port))
            {
                return new S3rverProcess(process, port);
            }
            var output = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
            Stop(process);
            if (attempt == 3)
            {
                throw new InvalidOperationException($"s3rver did not start on 127.0.0.1:{port}: {output}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop(_process);

    private static Process Start(string launcher, string dataFolder, int port)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var log = Environment.GetEnvironmentVariable("LOADER_S3RVER_LOG");
        string[] args = ["--openssl-legacy-provider", launcher, "-d", dataFolder, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
        foreach (var arg in log is null ? args : [.. args, "--verbose"])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
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

    private static async Task<bool> ListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
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
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
