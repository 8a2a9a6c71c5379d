using System.Diagnostics;
using System.Globalization;

namespace Loader.Bench.Sftp;

/// <summary>OpenSSH's own client fetching the same file: <c>sftp -b</c> with a <c>get</c>, key login, strict host key checking.</summary>
internal sealed class OpenSshDownload(BenchServer server, string folder, string remoteName)
{
    public string Output => Path.Combine(folder, "sftp-output.bin");

    private string[] Arguments(string batch, bool verbose) =>
    [
        .. verbose ? new[] { "-v" } : ["-q"],
        "-b", batch, "-i", server.UserKey, "-P", server.Port.ToString(CultureInfo.InvariantCulture),
        "-o", $"UserKnownHostsFile={server.KnownHosts}", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
        "-o", "GlobalKnownHostsFile=/dev/null", $"{BenchServer.User}@127.0.0.1",
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = Path.Combine(folder, "get.batch");
        await File.WriteAllTextAsync(batch, $"get {remoteName} {Output}\n", cancellationToken);
        await RunSftpAsync(Arguments(batch, verbose: false), cancellationToken);
    }

    /// <summary>The cipher and MAC the client negotiates, from a verbose listing.</summary>
    public async Task<string> NegotiatedAsync(CancellationToken cancellationToken)
    {
        var batch = Path.Combine(folder, "ls.batch");
        await File.WriteAllTextAsync(batch, "ls\n", cancellationToken);
        var error = await RunSftpAsync(Arguments(batch, verbose: true), cancellationToken);
        var line = error.Split('\n').FirstOrDefault(l => l.Contains("kex: server->client cipher:", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf("cipher:", StringComparison.Ordinal) + 8)..].Trim();
    }

    private static async Task<string> RunSftpAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("sftp") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await error
            : throw new InvalidOperationException($"sftp exited with {process.ExitCode}: {await error}{await output}");
    }
}
