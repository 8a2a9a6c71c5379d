using System.Diagnostics;
using System.Text;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>A real <c>loader</c> command (the <c>loader.dll</c> beside the tests) in a working folder, its output kept; killed if still running when disposed.</summary>
public sealed class LoaderProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LoaderProcess(Process process) => _process = process;

    /// <summary>The process id: the runner's, as leases and steps name it.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything it printed so far, standard output and error.</summary>
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

    /// <summary>Starts <c>loader ARGUMENTS</c> in <paramref name="workingFolder"/>.</summary>
    public static LoaderProcess Start(string workingFolder, params string[] arguments)
    {
        var start = ServeProcess.LoaderStart(workingFolder, arguments);
        var loader = new LoaderProcess(Process.Start(start)!);
        loader._process.OutputDataReceived += (_, e) => loader.Keep(e.Data);
        loader._process.ErrorDataReceived += (_, e) => loader.Keep(e.Data);
        loader._process.BeginOutputReadLine();
        loader._process.BeginErrorReadLine();
        return loader;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for it to end; its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"loader did not end within {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
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
}
