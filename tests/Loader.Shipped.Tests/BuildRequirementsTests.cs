using System.Diagnostics;
using System.Runtime.CompilerServices;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Shipped.Tests;

/// <summary>
/// Building from source needs Node.js and npm for the Studio's page: a machine without them is told which is missing,
/// not "npm ci exited with code 127". Each case runs the Studio project's check with a PATH holding only what it names.
/// </summary>
[Trait("Category", "Shipped")]
public sealed class BuildRequirementsTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("loader-build-path-").FullName;

    public BuildRequirementsTests() => Provide("sh");

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task A_machine_without_node_is_told_that_nodejs_is_missing()
    {
        var (exitCode, output) = await CheckAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error : Node.js is not installed (no 'node' on the PATH)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("exited with code", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_with_node_but_without_npm_is_told_that_npm_is_missing()
    {
        Provide("node");

        var (exitCode, output) = await CheckAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error : npm is not installed (no 'npm' on the PATH, though node is)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_with_node_and_npm_passes_the_check()
    {
        Provide("node");
        Provide("npm");

        var (exitCode, output) = await CheckAsync();

        Assert.True(exitCode == 0, output);
    }

    /// <summary>Links the machine's <paramref name="program"/> into the test's PATH folder.</summary>
    private void Provide(string program) => File.CreateSymbolicLink(Path.Combine(_bin, program), Which(program));

    /// <summary>Runs <c>dotnet msbuild</c> of the Studio's StudioNodeCheck target with PATH the dotnet folder and the test's folder.</summary>
    private async Task<(int ExitCode, string Output)> CheckAsync()
    {
        // The SDK's own folder, not /usr/bin where a link to it may sit beside node.
        var host = LoaderProcess.DotnetHost is var named && Path.IsPathRooted(named) ? named : Which(named);
        var dotnet = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        var start = new ProcessStartInfo(dotnet, ["msbuild", StudioProject(), "-t:StudioNodeCheck", "-nologo", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = $"{Path.GetDirectoryName(dotnet)}:{_bin}";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var msbuild = Process.Start(start)!;
        var output = msbuild.StandardOutput.ReadToEndAsync();
        var errors = msbuild.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await msbuild.WaitForExitAsync(limit.Token);
        return (msbuild.ExitCode, await output + await errors);
    }

    private static string Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"{program} is not on this machine's PATH");

    private static string StudioProject([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "src", "Loader.Studio", "Loader.Studio.csproj"));
}
