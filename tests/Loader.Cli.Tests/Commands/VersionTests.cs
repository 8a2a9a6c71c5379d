using System.Diagnostics;
using Loader.Cli.Hosting;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader --version</c> prints the version and the commit the build was made from.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_names_the_commit_the_build_was_made_from()
    {
        using var folder = WorkFolder.Create();

        var result = (await folder.RunAsync("--version")).ExitsWith(0);

        var commit = SourceCommit() is { } head ? $"commit {head}" : "commit unknown: built from a copy without git history";
        Assert.Matches($@"^loader \d+\.\d+\.\d+\S* \({commit}\)$", result.Stdout.Trim());
    }

    [Fact]
    public void A_build_without_git_history_says_its_commit_is_unknown()
    {
        Assert.Equal("loader 2.1.0 (commit unknown: built from a copy without git history)", BuildVersion.Describe("2.1.0"));
        Assert.Equal("loader 2.1.0-rc.1 (commit 0123abc)", BuildVersion.Describe("2.1.0-rc.1+0123abc"));
    }

    /// <summary>The commit checked out where the tests were built, or null outside a git clone.</summary>
    private static string? SourceCommit()
    {
        var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start)!;
        var head = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? head : null;
    }
}
