using System.Diagnostics;
using System.Text;

namespace Loader.MySql.Tests.Support;

/// <summary>The built <c>loader</c> (<c>dotnet loader.dll</c>) as a child process: output captured, awaited with a limit, or killed.</summary>
internal sealed class LoaderProcess : IDisposable
{
    private readonly Process _process;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private LoaderProcess(Process process, IReadOnlyList<string> arguments)
    {
        _process = process;
        _arguments = arguments;
    }

    /// <summary>The <c>loader.dll</c> the test project's reference built beside the tests.</summary>
    public static string LoaderDll => Path.Combine(AppContext.BaseDirectory, "loader.dll");

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, which names the process as an owner (<c>host:pid</c>) in the state store.</summary>
    public int Id => _process.Id;

    /// <summary>Standard output and standard error so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet loader.dll ARGUMENTS</c> in <paramref name="folder"/>, without this process's <c>LOADER_</c> variables.</summary>
    public static LoaderProcess Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(LoaderDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LOADER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["CI"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        var loader = new LoaderProcess(process, arguments);
        process.OutputDataReceived += (_, e) => loader.Append(e.Data);
        process.ErrorDataReceived += (_, e) => loader.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return loader;
    }

    /// <summary>Waits for the end and returns the exit code; kills the process and fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"loader {string.Join(' ', _arguments)} did not end within {timeout.TotalSeconds:0}s.\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the process as <c>kill -9</c> does: no chance to clean up or roll back.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGTERM, as <c>kill PID</c> and systemd's stop do.</summary>
    public async Task TerminateAsync()
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"loader {string.Join(' ', _arguments)}\n{Output}";

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
