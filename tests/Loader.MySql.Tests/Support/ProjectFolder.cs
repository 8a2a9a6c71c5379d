using System.Text;

namespace Loader.MySql.Tests.Support;

/// <summary>
/// A temporary working folder laid out as a project for real <c>loader</c> processes: <c>workflows/</c>,
/// <c>config/default.yml</c> naming the MariaDB connection <c>test</c> and the given state settings, data.
/// </summary>
internal sealed class ProjectFolder : IDisposable
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly List<LoaderProcess> _started = [];

    public ProjectFolder(MariaDbServer server, string database, string state)
    {
        Database = database;
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        File.WriteAllText(Path.Combine(Root, "config", "default.yml"), $"""
            mysql:
              test:
                credentials: {server.CredentialsPath}
            state:
            {state}
            runner:
              workers: 3
            """);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-mysql-cli", Guid.NewGuid().ToString("N"));

    /// <summary>This test's own database, which <c>DB</c> in workflow files stands for.</summary>
    public string Database { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public ProjectFolder Workflow(string name, string yaml)
    {
        File.WriteAllText(PathOf("workflows/" + name), yaml.Replace("DB", Database, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Writes a TSV of <paramref name="rows"/> lines <c>id \t name \t day</c>.</summary>
    public void Rows(string relative, int rows, int firstId = 1)
    {
        using var writer = new StreamWriter(PathOf(relative), false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (var i = 0; i < rows; i++)
        {
            writer.WriteLine($"{firstId + i}\tname-{firstId + i}\t2026-01-{1 + (i % 28):D2}");
        }
    }

    public LoaderProcess Start(params string[] arguments)
    {
        var process = LoaderProcess.Start(Root, arguments);
        _started.Add(process);
        return process;
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var process = Start(arguments);
        var exit = await process.WaitAsync(CommandTimeout);
        return (exit, process.Output);
    }

    public IReadOnlyList<string> Lines(string relative) => File.Exists(PathOf(relative)) ? File.ReadAllLines(PathOf(relative)) : [];

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
        }
    }
}
