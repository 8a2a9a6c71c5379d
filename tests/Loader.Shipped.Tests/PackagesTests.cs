using System.Text.RegularExpressions;
using Loader.Cli.Tests.Infrastructure;
using Loader.Shipped.Tests.Support;

namespace Loader.Shipped.Tests;

/// <summary>
/// What <c>scripts/pack.sh</c> builds, installed and run as docs/install.md says: the <c>dotnet tool</c> package in a
/// tool path of its own, the single-file executable alone in a folder on a machine path without .NET.
/// </summary>
[Trait("Category", "Shipped")]
public sealed partial class PackagesTests(PackedLoader packed) : IClassFixture<PackedLoader>, IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly string _scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "loader-packages-tests", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_the_daily_pipeline_from_another_folder()
    {
        var tools = Path.Combine(_scratch, "tools");
        var sources = Path.Combine(_scratch, "nuget.config");
        // Only the packed folder is a source, and the package cache is new: the package installed is the one just packed.
        File.WriteAllText(sources, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="packed" value="{packed.Folder}" /></packageSources></configuration>
            """);
        var install = await RunAsync(LoaderProcess.DotnetHost, _scratch,
            ["tool", "install", "--tool-path", tools, "--configfile", sources, "loader", "--version", packed.Version],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_scratch, "packages") });
        Assert.True(install.ExitCode == 0, install.ToString());

        var loader = Path.Combine(tools, "loader");
        var site = Site();
        var version = await RunAsync(loader, site, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Contains(packed.Version, version.Stdout, StringComparison.Ordinal);
        var run = await RunAsync(loader, site, ["run", "DailyPipeline", "--interval", "2026-01-01"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertReport(site);
        using var studio = LoaderProcess.StartInstalled(loader, site, ["studio", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string>());
        await AssertServesThePageAsync(studio);
    }

    [Fact]
    public async Task The_single_file_executable_runs_alone_in_a_folder_where_no_dotnet_is_installed()
    {
        var alone = Path.Combine(_scratch, "bin");
        Directory.CreateDirectory(alone);
        var loader = Path.Combine(alone, "loader");
        File.Copy(packed.Executable("linux-x64"), loader);
        var site = Site();
        var home = Path.Combine(_scratch, "home");
        Directory.CreateDirectory(home);
        var withoutDotnet = WithoutDotnet(home);

        var dotnet = await RunAsync("dotnet", site, ["--info"], launcher: withoutDotnet);
        Assert.True(dotnet.ExitCode == 127, $"dotnet is still there: {dotnet}");
        var version = await RunAsync(loader, site, ["--version"], launcher: withoutDotnet);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Contains(packed.Version, version.Stdout, StringComparison.Ordinal);
        var list = await RunAsync(loader, site, ["list"], launcher: withoutDotnet);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("DailyPipeline", list.Stdout, StringComparison.Ordinal);
        var run = await RunAsync(loader, site, ["run", "DailyPipeline", "--interval", "2026-01-01"], launcher: withoutDotnet);
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertReport(site);
        Assert.Equal(["loader"], Directory.GetFileSystemEntries(alone).Select(Path.GetFileName));
        using var studio = LoaderProcess.StartInstalled(loader, site, ["studio", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string>(), withoutDotnet);
        await AssertServesThePageAsync(studio);
    }

    [Theory]
    [InlineData("loader-linux-x64", 0x3E)]
    [InlineData("loader-linux-arm64", 0xB7)]
    public void Each_executable_is_built_for_its_processor_and_matches_its_checksum(string name, int machine)
    {
        var file = Path.Combine(packed.Folder, name);
        var header = new byte[20];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(machine, BitConverter.ToUInt16(header, 18));
        Assert.True(File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute), $"{name} is not executable");
        AssertChecksum(file);
    }

    [Fact]
    public void The_tool_package_matches_its_checksum() => AssertChecksum(packed.Package);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A launcher that hides the .NET installation from what it starts: a mount namespace with an empty folder over
    /// /usr/share/dotnet (so /usr/bin/dotnet leads nowhere), and an environment with no DOTNET_ variable.
    /// </summary>
    private static string[] WithoutDotnet(string home) =>
    [
        "unshare", "--mount", "--propagation", "private", "sh", "-c",
        """mount -t tmpfs no-dotnet /usr/share/dotnet && exec env -i HOME="$0" PATH=/usr/local/bin:/usr/bin:/bin CI=true "$@" """,
        home,
    ];

    /// <summary>A folder of a user's own with a copy of the example pipeline and the public defaults, and nothing else.</summary>
    private string Site()
    {
        var site = Path.Combine(_scratch, "site");
        var shipped = Path.Combine(AppContext.BaseDirectory, "Shipped");
        Directory.CreateDirectory(Path.Combine(site, "workflows"));
        Directory.CreateDirectory(Path.Combine(site, "config"));
        File.Copy(Path.Combine(shipped, "workflows", "examples", "daily-pipeline.yml"), Path.Combine(site, "workflows", "daily-pipeline.yml"));
        File.Copy(Path.Combine(shipped, "config", "default.yml"), Path.Combine(site, "config", "default.yml"));
        return site;
    }

    /// <summary>The report of 2026-01-01: 17 web and 101 mobile events (the pipeline makes them from the date).</summary>
    private static void AssertReport(string site) =>
        Assert.Equal("day,events\n2026-01-01,118\n", File.ReadAllText(Path.Combine(site, "data", "reports", "daily-totals-2026-01-01.csv")));

    private static void AssertChecksum(string file)
    {
        var line = File.ReadAllText(file + ".sha256");
        Assert.Equal($"{PackedLoader.Sha256(file)}  {Path.GetFileName(file)}\n", line);
    }

    private static async Task AssertServesThePageAsync(LoaderProcess studio)
    {
        await studio.WaitForOutputAsync("Studio at ", Limit);
        var link = StudioLink().Match(studio.Stdout);
        Assert.True(link.Success, studio.Stdout);
        using var client = new HttpClient();
        var page = await client.GetStringAsync(link.Groups["link"].Value);
        Assert.Contains("<title>Loader Studio</title>", page, StringComparison.Ordinal);
        var script = await client.GetAsync(new Uri(new Uri(link.Groups["link"].Value), "/app.js"));
        Assert.True(script.IsSuccessStatusCode, $"app.js: {script.StatusCode}");
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000, "app.js is not the bundle");
    }

    private static async Task<LoaderResult> RunAsync(
        string program, string folder, string[] arguments, IReadOnlyDictionary<string, string>? environment = null, string[]? launcher = null)
    {
        Directory.CreateDirectory(folder);
        using var process = LoaderProcess.StartInstalled(program, folder, arguments, environment ?? new Dictionary<string, string>(), launcher);
        return await process.WaitAsync(Limit);
    }

    [GeneratedRegex(@"Studio at (?<link>http://\S+)")]
    private static partial Regex StudioLink();
}
