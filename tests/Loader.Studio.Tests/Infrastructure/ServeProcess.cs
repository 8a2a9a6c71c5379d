using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>
/// A real <c>loader serve</c> (the <c>loader.dll</c> the project reference builds beside the tests) in a working folder,
/// on a free loopback port; stopped with SIGTERM as a service manager stops it.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process) => _process = process;

    /// <summary>Where its Studio listens.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The access token it made and printed in its link.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>The link it printed, to open the page with.</summary>
    public string Link => $"{Address.ToString().TrimEnd('/')}/?token={Token}";

    /// <summary>Everything it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// How to start <c>loader ARGUMENTS</c> (the build beside the tests) in <paramref name="workingFolder"/>, its output
    /// read, with plain output and none of this process's <c>LOADER_</c> settings.
    /// </summary>
    public static ProcessStartInfo LoaderStart(string workingFolder, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost) { WorkingDirectory = workingFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "loader.dll")))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LOADER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["CI"] = "true";
        return start;
    }

    /// <summary>Starts <c>loader serve</c> with <paramref name="arguments"/> in <paramref name="workingFolder"/>; returns once its Studio listens.</summary>
    public static async Task<ServeProcess> StartAsync(string workingFolder, params string[] arguments)
    {
        var start = LoaderStart(workingFolder, ["serve", "--urls", "http://127.0.0.1:0", .. arguments]);
        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, e) => serve.Keep(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Keep(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        for (var waited = 0; waited < 600; waited++)
        {
            if (StudioLine().Match(serve.Output) is { Success: true } match)
            {
                serve.Address = new Uri(match.Groups[1].Value);
                serve.Token = match.Groups[2].Value;
                return serve;
            }
            if (serve._process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        await serve.DisposeAsync();
        throw new InvalidOperationException($"loader serve did not say where its Studio listens:\n{serve.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    [GeneratedRegex(@"Studio at (http://127\.0\.0\.1:[0-9]+)/\?token=([0-9a-f]{48})")]
    private static partial Regex StudioLine();
}
