using System.Diagnostics;
using System.Text;

namespace Loader.Cli.Tests.Infrastructure;

/// <summary>
/// The built <c>loader</c> running as a child process: its output captured, waited for with a timeout,
/// killed (<c>kill -9</c>) or interrupted (<c>kill -INT</c>).
/// </summary>
internal sealed class LoaderProcess : IDisposable
{
    private readonly Process _process;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private LoaderProcess(Process process, IReadOnlyList<string> arguments)
    {
        _process = process;
        _arguments = arguments;
    }

    /// <summary>The <c>loader.dll</c> the test project's reference built beside the test assembly.</summary>
    public static string LoaderDll => Path.Combine(AppContext.BaseDirectory, "loader.dll");

    /// <summary>The process id, for signals.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process has written to standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>What the process has written to standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet loader.dll ARGUMENTS</c> in <paramref name="workingFolder"/>, with the test's own <c>LOADER_</c>
    /// variables removed and <paramref name="environment"/> added. <paramref name="launcher"/> is a command line put in
    /// front, such as <c>setsid</c>.
    /// </summary>
    public static LoaderProcess Start(
        string workingFolder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? launcher = null) =>
        Start([.. launcher ?? [], DotnetHost, LoaderDll], workingFolder, arguments, environment);

    /// <summary>
    /// Starts <paramref name="program"/>, an installed <c>loader</c> (a packed tool's, a single-file executable), as
    /// <see cref="Start(string, IReadOnlyList{string}, IReadOnlyDictionary{string, string}, IReadOnlyList{string}?)"/> starts <c>loader.dll</c>.
    /// </summary>
    public static LoaderProcess StartInstalled(
        string program, string workingFolder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? launcher = null) =>
        Start([.. launcher ?? [], program], workingFolder, arguments, environment);

    private static LoaderProcess Start(
        IReadOnlyList<string> program, string workingFolder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workingFolder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var command = program.Concat(arguments).ToList();
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LOADER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["CI"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var loader = new LoaderProcess(process, arguments);
        process.OutputDataReceived += (_, e) => loader.Append(loader._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => loader.Append(loader._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return loader;
    }

    /// <summary>Waits for the process to end and returns what it printed; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task<LoaderResult> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"loader {string.Join(' ', _arguments)} did not end within {timeout.TotalSeconds:0}s and was killed.\n{Snapshot()}");
        }
        lock (_gate)
        {
            return new LoaderResult(_arguments, _process.ExitCode, _stdout.ToString(), _stderr.ToString(), _clock.Elapsed);
        }
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>; fails when the process ends first or after <paramref name="timeout"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"loader never printed '{text}'.\n{Snapshot()}");
            }
            await Task.Delay(25);
        }
    }

    /// <summary>Kills the process with SIGKILL, as <c>kill -9</c> does: no chance to clean up. Its own children live on.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGINT to the process, as <c>kill -INT PID</c> does.</summary>
    public Task InterruptAsync() => SignalAsync("-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends SIGTERM to the process, as <c>kill PID</c> or a service manager stopping it does.</summary>
    public Task TerminateAsync() => SignalAsync("-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends the signal <paramref name="name"/> (<c>HUP</c>, <c>QUIT</c>...) to the process, as <c>kill -NAME PID</c> does.</summary>
    public Task SignalAsync(string name) => SignalAsync("-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends SIGINT to the process group the process leads, as Ctrl-C in a terminal does.</summary>
    public Task InterruptGroupAsync() => SignalAsync("-INT", "--", "-" + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    /// <summary>Which <c>dotnet</c> runs the tests: the same one runs <c>loader.dll</c>.</summary>
    internal static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    private static async Task SignalAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var kill = Process.Start(start)!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill {string.Join(' ', arguments)} failed with exit code {kill.ExitCode}");
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private string Snapshot()
    {
        lock (_gate)
        {
            return $"--- stdout ---\n{_stdout}--- stderr ---\n{_stderr}";
        }
    }
}
