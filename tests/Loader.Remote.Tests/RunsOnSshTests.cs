using System.Diagnostics;
using Loader.Cli.Tests.Infrastructure;
using Loader.Remote.Tests.Support;

namespace Loader.Remote.Tests;

/// <summary>The command line: <c>loader run</c> of a <c>runs_on: ssh</c> workflow, and <c>loader remote</c>, both set up by the <c>remote:</c> section.</summary>
[Collection(RemoteHostCollection.Name)]
public sealed class RunsOnSshTests(RemoteHost host)
{
    private const string OnTheHost = """
        workflow: Nightly
        runs_on: ssh
        parameters:
          who: {type: string, default: world}
        tasks:
          GreetThere:
            uses: shell
            with:
              command: echo "hello ${who} from $(whoami)" > "${outputs.out}"
            outputs:
              out: out/night.txt
        """;

    private LocalProject Project(string? remoteCommand = null) => LocalProject.Create()
        .With("workflows/nightly.yml", OnTheHost)
        .With("remote.yml", $"""
            remote:
              host: 127.0.0.1
              port: {host.Port}
              user: {RemoteHost.User}
              key_file: {host.Key}
              known_hosts: {host.KnownHosts}
              command: {remoteCommand ?? RemoteHost.RemoteCommand}
              folder: {host.RemoteBase}
              workspace: test-{Guid.NewGuid().ToString("N")[..12]}
            """);

    internal static async Task<(int Exit, string Out, string Err)> LoaderAsync(LocalProject project, params string[] args)
    {
        using var process = LoaderProcess.Start(project.Root, args, new Dictionary<string, string>());
        var result = await process.WaitAsync(TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    private static string RunFolder(string output)
    {
        var marker = output.IndexOf(" in /", StringComparison.Ordinal);
        Assert.True(marker > 0, output);
        return output[(marker + 4)..].Split('\n')[0].Trim();
    }

    /// <summary>The one run's folder in a workspace used once.</summary>
    private static string RunOf(string workspace) => Assert.Single(Directory.GetDirectories(Path.Combine(workspace, "runs")));

    [Fact]
    public async Task Loader_run_of_a_runs_on_ssh_workflow_runs_it_on_the_remote_host_and_exits_with_its_code()
    {
        using var project = Project();

        var (exit, output, error) = await LoaderAsync(project, "run", "Nightly", "--who", "night", "--config", "remote.yml");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}\n{host.Log}");
        Assert.Contains("running Nightly on 127.0.0.1:", output, StringComparison.Ordinal);
        var folder = RunFolder(output);
        Assert.Equal("hello night from loadertest", File.ReadAllText(Path.Combine(folder, "out/night.txt")).Trim());
        Assert.False(File.Exists(project.Path("out/night.txt")), "the workflow also ran here");
        Assert.True(File.Exists(Path.Combine(folder, "config/extra-1-remote.yml")), "the --config file was not passed on");
        Assert.True(File.Exists(project.Path($".loader/remote/{Path.GetFileName(folder)}/{Path.GetFileName(RunOf(folder))}/history.json")));
    }

    [Fact]
    public async Task A_secret_parameter_reaches_the_host_in_a_private_file_not_on_its_command_line()
    {
        using var project = Project().With("workflows/token.yml", """
            workflow: WithToken
            runs_on: ssh
            parameters:
              token: {type: string, secret: true}
              who: {type: string, default: world}
            tasks:
              UseToken:
                uses: shell
                with:
                  command: printf '%s for %s' "${token}" "${who}" > "${outputs.out}"
                outputs:
                  out: out/token.txt
            """);

        var (exit, output, error) = await LoaderAsync(project, "run", "WithToken", "--token", "s3cr3t-value", "--who", "ops", "--config", "remote.yml");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}\n{host.Log}");
        var folder = RunFolder(output);
        Assert.Equal("s3cr3t-value for ops", File.ReadAllText(Path.Combine(folder, "out/token.txt")));
        var file = Path.Combine(RunOf(folder), "secret-parameters.yml");
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(file));
        Assert.Contains("s3cr3t-value", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", File.ReadAllText(project.Path($".loader/remote/{Path.GetFileName(folder)}/{Path.GetFileName(RunOf(folder))}/history.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Here_runs_a_runs_on_ssh_workflow_on_this_machine()
    {
        using var project = Project();

        var (exit, output, error) = await LoaderAsync(project, "run", "Nightly", "--here", "--config", "remote.yml");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.StartsWith("hello world from ", File.ReadAllText(project.Path("out/night.txt")), StringComparison.Ordinal);
        Assert.DoesNotContain("running Nightly on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_remote_section_the_run_says_what_to_configure()
    {
        using var project = Project();

        var (exit, _, error) = await LoaderAsync(project, "run", "Nightly");

        Assert.Equal(2, exit);
        Assert.Contains("remote.host is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_remote_takes_the_host_from_the_remote_section_and_without_wait_leaves_the_run_going()
    {
        using var project = Project();

        var (exit, output, error) = await LoaderAsync(project, "remote", "Hello", "--who", "later", "--config", "remote.yml");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("tail -f", output, StringComparison.Ordinal);
        var greeting = Path.Combine(RunFolder(output).Split(' ')[0], "out/greet.txt");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(greeting) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200);
        }
        Assert.Equal("hello later from loadertest", File.ReadAllText(greeting).Trim());
    }

    [Fact]
    public async Task Ctrl_c_during_a_waited_remote_run_stops_it_on_the_host()
    {
        using var project = Project().With("workflows/sleepy.yml", """
            workflow: Sleepy
            tasks:
              Nap:
                uses: shell
                with:
                  command: sleep 47 && touch "${outputs.out}"
                outputs:
                  out: out/nap.txt
            """);
        using var process = LoaderProcess.Start(project.Root, ["remote", "Sleepy", "--wait", "--config", "remote.yml"], new Dictionary<string, string>());
        await process.WaitForOutputAsync("started Nap", TimeSpan.FromMinutes(2));
        var clock = Stopwatch.StartNew();
        while (!Sleeping() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        Assert.True(Sleeping(), "the remote task never started");

        await process.InterruptAsync();
        var result = await process.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("was asked to stop", result.Stderr, StringComparison.Ordinal);
        clock.Restart();
        while (Sleeping() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
        Assert.False(Sleeping(), "the remote task still runs on the host");

        static bool Sleeping()
        {
            using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-u", RemoteHost.User, "-f", "sleep 47"]) { RedirectStandardOutput = true })!;
            pgrep.WaitForExit();
            return pgrep.ExitCode == 0;
        }
    }
}
