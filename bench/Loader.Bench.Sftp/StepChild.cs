using System.Diagnostics;

namespace Loader.Bench.Sftp;

/// <summary>
/// Runs the step in a new process, as <c>loader run</c> would: start-up, JIT and the SSH handshake count, as they do for
/// OpenSSH's client. Extra environment variables let one runtime setting be compared with the default.
/// </summary>
internal static class StepChild
{
    public const string Command = "child-step";

    /// <summary>In the child: one download, then the task log's cipher and summary lines on standard output.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var folder = args[0];
        var remoteName = args[1];
        var step = new StepDownload(ServerEndpoint.FromArguments(args[2..]), folder, remoteName);
        var log = await step.RunAsync(cancellationToken);
        foreach (var line in log.Split('\n').Where(l => l.Contains("cipher", StringComparison.Ordinal) || l.StartsWith("downloaded", StringComparison.Ordinal)))
        {
            Console.WriteLine(line.Trim());
        }
        return 0;
    }

    /// <summary>In the parent: starts a child and waits for it; returns what it printed.</summary>
    /// <remarks>The step's own seconds (connect, log in, copy, rename) are in its "downloaded ... fetched in N.Ns" line.</remarks>
    public static async Task<string> LaunchAsync(ServerEndpoint server, string folder, string remoteName, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StepChild).Assembly.Location);
        }
        foreach (var argument in new[] { Command, folder, remoteName }.Concat(server.ToArguments()))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"the step's child process failed ({process.ExitCode}): {await error}{await output}");
    }
}

/// <summary>Reads the seconds the step reported from its "downloaded ... fetched in 5.3s, ..." line.</summary>
internal static class StepReport
{
    public static double Seconds(string output)
    {
        var line = output.Split('\n').First(l => l.StartsWith("downloaded", StringComparison.Ordinal));
        var at = line.IndexOf(" fetched in ", StringComparison.Ordinal) + " fetched in ".Length;
        return double.Parse(line[at..line.IndexOf('s', at)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
