using System.Globalization;

namespace Loader.Cli.Tests.Infrastructure;

/// <summary>
/// A temporary working folder for one test, laid out as a project: <c>workflows/</c>, <c>config/default.yml</c> (the
/// one that ships), and whatever the run writes (<c>.loader/</c>, data). Every <c>loader</c> it starts runs in it.
/// </summary>
internal sealed class WorkFolder : IDisposable
{
    /// <summary>How long a command may take before the test gives up on it; generous, as the machine may be busy.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly List<LoaderProcess> _started = [];

    private WorkFolder(string root) => Root = root;

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>
    /// Environment variables every <c>loader</c> started here gets; short leases by default, so that what a killed
    /// runner held lapses quickly.
    /// </summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal)
    {
        ["LOADER_state__lease_ttl"] = "2s",
    };

    /// <summary>A new folder with an empty <c>workflows/</c> and the shipped <c>config/default.yml</c>.</summary>
    public static WorkFolder Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loader-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "workflows"));
        Directory.CreateDirectory(System.IO.Path.Combine(root, "config"));
        File.Copy(Shipped("config", "default.yml"), System.IO.Path.Combine(root, "config", "default.yml"));
        return new WorkFolder(root);
    }

    /// <summary>The full path of <paramref name="relative"/> inside the folder.</summary>
    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Copies the shipped example workflow (<c>workflows/examples/daily-pipeline.yml</c>) in.</summary>
    public WorkFolder WithDailyPipeline()
    {
        File.Copy(Shipped("workflows", "daily-pipeline.yml"), Path("workflows/daily-pipeline.yml"));
        return this;
    }

    /// <summary>Copies the shipped hourly example workflow (<c>workflows/examples/hourly-tracking-logs.yml</c>) in.</summary>
    public WorkFolder WithHourlyTrackingLogs()
    {
        File.Copy(Shipped("workflows", "hourly-tracking-logs.yml"), Path("workflows/hourly-tracking-logs.yml"));
        return this;
    }

    /// <summary>Writes a workflow file <paramref name="name"/> under <c>workflows/</c>.</summary>
    public WorkFolder WithWorkflow(string name, string yaml) => WithFile("workflows/" + name, yaml);

    /// <summary>Writes <paramref name="relative"/> with <paramref name="text"/>, creating its folder.</summary>
    public WorkFolder WithFile(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Creates the folder <paramref name="relative"/>.</summary>
    public WorkFolder WithFolder(string relative)
    {
        Directory.CreateDirectory(Path(relative));
        return this;
    }

    /// <summary>Writes <c>config/secret.yml</c> with <paramref name="yaml"/> and the Unix permissions <paramref name="mode"/>.</summary>
    public WorkFolder WithSecret(string yaml, UnixFileMode mode)
    {
        var path = Path("config/secret.yml");
        File.WriteAllText(path, yaml);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
        return this;
    }

    /// <summary>Starts <c>loader ARGUMENTS</c> here, without waiting; it is killed when the folder is disposed.</summary>
    public LoaderProcess Start(params string[] arguments) => Start(arguments, launcher: null);

    /// <summary>Starts <c>LAUNCHER... dotnet loader.dll ARGUMENTS</c> here, without waiting.</summary>
    public LoaderProcess Start(IReadOnlyList<string> arguments, IReadOnlyList<string>? launcher)
    {
        var process = LoaderProcess.Start(Root, arguments, Environment, launcher);
        _started.Add(process);
        return process;
    }

    /// <summary>Runs <c>loader ARGUMENTS</c> here and waits for it to end.</summary>
    public Task<LoaderResult> RunAsync(params string[] arguments) => Start(arguments).WaitAsync(CommandTimeout);

    /// <summary>The attempts <c>loader history RUN_ID --output json</c> lists for run <paramref name="runId"/>.</summary>
    public async Task<IReadOnlyList<AttemptRow>> AttemptsAsync(long runId)
    {
        var history = (await RunAsync("history", runId.ToString(CultureInfo.InvariantCulture), "--output", "json")).ExitsWith(0).Json();
        return history.GetProperty("attempts").EnumerateArray()
            .Select(a => new AttemptRow(
                a.GetProperty("task").GetString()!,
                a.GetProperty("family").GetString()!,
                a.GetProperty("attempt").GetInt32(),
                a.GetProperty("status").GetString()!))
            .ToList();
    }

    /// <summary>The lines of <paramref name="relative"/>, or none when it does not exist.</summary>
    public IReadOnlyList<string> Lines(string relative) =>
        File.Exists(Path(relative)) ? File.ReadAllLines(Path(relative)) : [];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var process in _started)
        {
            process.Dispose();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A task's orphaned child may still be writing; the temporary folder is left for the system to clean.
        }
    }

    private static string Shipped(string folder, string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Shipped", folder, file);
}
