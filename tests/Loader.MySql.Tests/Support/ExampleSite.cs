using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Loader.MySql.Tests.Support;

/// <summary>
/// A temporary project folder holding the shipped examples (workflows/examples/) at their repository paths and the
/// shipped config/default.yml, where the real <c>loader</c> and <c>node</c> run as a user runs them; the MySQL
/// connection <c>warehouse</c> points at the test's MariaDB.
/// </summary>
internal sealed partial class ExampleSite : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly MariaDbServer _server;

    private string? _lastRun;

    public ExampleSite(MariaDbServer server)
    {
        _server = server;
        var repository = RepositoryRoot();
        CopyFolder(Path.Combine(repository, "workflows", "examples"), PathOf("workflows/examples"));
        Directory.CreateDirectory(PathOf("config"));
        File.Copy(Path.Combine(repository, "config", "default.yml"), PathOf("config/default.yml"));
        Directory.CreateDirectory(PathOf("data"));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-mysql-examples", Guid.NewGuid().ToString("N"));

    /// <summary>Values set as <c>LOADER_</c> environment variables for every <c>loader</c> run (a configuration layer).</summary>
    public Dictionary<string, string> Configuration { get; } = [];

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// Runs a command line as a user types it (<c>loader run AnswerDistribution --src '["data/tracking"]'</c>) through
    /// <c>/bin/sh</c>, <c>loader</c> being the real one, on the day <paramref name="today"/>; fails unless it exits 0.
    /// </summary>
    public async Task<string> RunAsync(string commandLine, string today)
    {
        Assert.StartsWith("loader ", commandLine + " ", StringComparison.Ordinal);
        var script = $"loader() {{ '{DotnetHost}' '{LoaderProcess.LoaderDll}' \"$@\"; }}\n{commandLine}\n";
        var (exit, output) = await RunProcessAsync("/bin/sh", ["-c", script], LoaderEnvironment(today), separateErrors: true);
        Assert.True(exit == 0, $"{commandLine} exited with {exit}:\n{output}");
        _lastRun = RunStarted().Match(output) is { Success: true } started ? started.Groups[1].Value
            : throw new InvalidOperationException($"{commandLine} printed no 'run N of' line:\n{output}");
        return output;
    }

    /// <summary>Writes the generated tracking logs of the days from <paramref name="from"/> up to <paramref name="to"/> (excluded) into data/tracking.</summary>
    public async Task GenerateTrackingLogsAsync(string from, string to)
    {
        var arguments = new[] { "workflows/examples/enrollment/generate-tracking-logs.mjs", "--from", from, "--to", to, "--out", "data/tracking" };
        var (exit, output) = await RunProcessAsync("node", arguments, new Dictionary<string, string>(), separateErrors: false);
        Assert.True(exit == 0, $"node {string.Join(' ', arguments)} exited with {exit}:\n{output}");
    }

    /// <summary>
    /// The task instances that had an attempt in the run the last <see cref="RunAsync"/> started, from <c>loader history
    /// RUN --output json</c>, each once; fails unless each attempt succeeded.
    /// </summary>
    public async Task<List<string>> TasksRunAsync()
    {
        var run = _lastRun ?? throw new InvalidOperationException("no run was started yet");
        var (exit, output) = await LoaderAsync(null, "history", run, "--output", "json");
        Assert.True(exit == 0, output);
        using var document = JsonDocument.Parse(output);
        var attempts = document.RootElement.GetProperty("attempts").EnumerateArray()
            .Select(a => (Task: a.GetProperty("task").GetString()!, Status: a.GetProperty("status").GetString()))
            .ToList();
        Assert.All(attempts, a => Assert.True(a.Status == "succeeded", $"{a.Task}: {a.Status}\n{output}"));
        return attempts.Select(a => a.Task).Distinct().ToList();
    }

    /// <summary>The days of the <paramref name="family"/> instances that had an attempt in the last run, sorted.</summary>
    public async Task<List<string>> DaysRunAsync(string family) =>
        (await TasksRunAsync())
        .Where(t => t.StartsWith(family + "(", StringComparison.Ordinal))
        .Select(t => DateParameter().Match(t) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no date in {t}"))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, both included, as yyyy-MM-dd.</summary>
    public static List<string> Days(string first, string last)
    {
        var days = new List<string>();
        for (var day = DateOnly.Parse(first, CultureInfo.InvariantCulture); day <= DateOnly.Parse(last, CultureInfo.InvariantCulture); day = day.AddDays(1))
        {
            days.Add(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return days;
    }

    /// <summary>The folder with Loader.sln: up from the test assembly, else up from this source file.</summary>
    public static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) })
        {
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Loader.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new InvalidOperationException($"no folder with Loader.sln above {AppContext.BaseDirectory} or {source}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    /// <summary>Runs the real <c>loader</c> with the test database's credentials, <see cref="Configuration"/> and, when given, the day "today" is.</summary>
    private async Task<(int ExitCode, string Output)> LoaderAsync(string? today, params string[] arguments)
    {
        return await RunProcessAsync(DotnetHost, [LoaderProcess.LoaderDll, .. arguments], LoaderEnvironment(today), separateErrors: true);
    }

    private Dictionary<string, string> LoaderEnvironment(string? today)
    {
        var environment = new Dictionary<string, string>(Configuration) { ["LOADER_mysql__warehouse__credentials"] = _server.CredentialsPath };
        if (today is not null)
        {
            environment["LOADER_today"] = today;
        }
        return environment;
    }

    /// <summary>Runs <paramref name="program"/> in the site without this process's <c>LOADER_</c> variables; returns standard output, with standard error after it when the program fails or <paramref name="separateErrors"/> is false.</summary>
    private async Task<(int ExitCode, string Output)> RunProcessAsync(string program, IEnumerable<string> arguments, Dictionary<string, string> environment, bool separateErrors)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
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
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {CommandTimeout.TotalSeconds:0}s.\n{await output}\n{await error}");
        }
        var text = new StringBuilder(await output);
        var errors = await error;
        if (process.ExitCode != 0 || !separateErrors)
        {
            text.Append(errors);
        }
        return (process.ExitCode, text.ToString());
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    [GeneratedRegex(@"\brun (\d+) of ")]
    private static partial Regex RunStarted();

    [GeneratedRegex(@"\bdate=(\d{4}-\d{2}-\d{2})")]
    private static partial Regex DateParameter();
}
