using System.Text.RegularExpressions;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>
/// <c>loader init</c> lays out a project that validates and runs as it is, with the commands it prints; it never
/// overwrites a file.
/// </summary>
public sealed partial class InitCommandTests : IDisposable
{
    private const int InvalidInput = 2;

    private readonly string _root = Directory.CreateTempSubdirectory("loader-init-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_new_project_validates_and_its_first_run_writes_the_daily_files_and_the_report()
    {
        var init = (await RunAsync(_root, "init", "project")).ExitsWith(0);

        var project = Path.Combine(_root, "project");
        init.Prints($"Created a Loader project in {project}:").Prints("  cd project\n").Prints("Outputs go to data/");
        var run = RunLine().Match(init.Stdout);
        Assert.True(run.Success, init.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(project, "config/secret.yml")));
        }
        Assert.Equal(["/data/", "/.loader/", "/config/secret.yml"], File.ReadAllLines(Path.Combine(project, ".gitignore")));

        var validate = (await RunAsync(project, "validate")).ExitsWith(0);
        (await RunAsync(project, [.. run.Groups["arguments"].Value.Split(' '), "--plan"])).ExitsWith(0);
        var first = (await RunAsync(project, run.Groups["arguments"].Value.Split(' '))).ExitsWith(0);

        Assert.DoesNotContain("secret.yml", validate.Output + first.Output, StringComparison.Ordinal);
        var days = Directory.GetFiles(Path.Combine(project, "data/counts"), "*.csv");
        Assert.Equal(7, days.Length);
        var report = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(project, "data/reports"), "counts-*.csv")));
        Assert.Equal(8, report.Length);
        Assert.Matches(@"^total,\d+$", report[^1]);
        Assert.True(File.Exists(Path.Combine(project, ".loader/state.db")));
    }

    [Fact]
    public async Task A_second_init_refuses_naming_every_file_it_would_overwrite_and_changes_nothing()
    {
        (await RunAsync(_root, "init")).ExitsWith(0).Prints("  loader validate\n");
        var defaults = Path.Combine(_root, "config/default.yml");
        File.WriteAllText(defaults, "data_dir: mine\n");

        var again = await RunAsync(_root, "init");

        again.ExitsWith(InvalidInput)
            .Says("already has workflows/daily-counts.yml, config/default.yml, config/secret.yml, .gitignore: loader init overwrites nothing");
        Assert.Equal("data_dir: mine\n", File.ReadAllText(defaults));
    }

    [Fact]
    public async Task A_folder_with_one_of_the_files_is_refused_before_anything_is_written()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "existing")).FullName;
        File.WriteAllText(Path.Combine(project, ".gitignore"), "bin/\n");

        (await RunAsync(_root, "init", "existing")).ExitsWith(InvalidInput).Says("already has .gitignore:");

        Assert.Equal([Path.Combine(project, ".gitignore")], Directory.GetFileSystemEntries(project));
    }

    [GeneratedRegex(@"^  loader (?<arguments>run DailyCounts --interval \S+)$", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    private static async Task<LoaderResult> RunAsync(string folder, params string[] arguments)
    {
        using var loader = LoaderProcess.Start(folder, arguments, new Dictionary<string, string>());
        return await loader.WaitAsync(WorkFolder.CommandTimeout);
    }
}
