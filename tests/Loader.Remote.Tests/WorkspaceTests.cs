using Loader.Remote.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Remote.Tests;

/// <summary>
/// Workspaces on a real sshd: a remote run keeps its state store, data and set-up on the host for the next, copies
/// the set-up only when its content changed, and two runs at once leave the workspace whole.
/// </summary>
[Collection(RemoteHostCollection.Name)]
public sealed class WorkspaceTests(RemoteHost host)
{
    // Seven per-day tasks, each leaving a line in calls.txt when it really runs.
    private const string Days = """
        workflow: Days
        parameters:
          interval: {type: interval}
          overwrite_n_days: {type: int, default: 0, significant: false}
        tasks:
          Extract:
            per_day: interval
            overwrite_n_days: ${overwrite_n_days}
            uses: shell
            with:
              command: echo ${date} >> calls.txt && echo ${date} > "${outputs.out}"
            outputs:
              out: out/days/${date}.txt
        """;

    private const string Week = "2026-01-01-2026-01-08";

    private static LocalProject Project() => LocalProject.Create().With("workflows/days.yml", Days);

    private static string[] Calls(RemoteRunResult result) => File.ReadAllLines(Path.Combine(result.RemoteFolder, "calls.txt"));

    private static string[] Setups(RemoteRunResult result) =>
        [.. Directory.GetFileSystemEntries(Path.Combine(result.RemoteFolder, "setups")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task A_second_identical_run_runs_nothing_and_copies_nothing()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Days", "--interval", Week);

        var (first, output, error) = await RemoteRunTests.RunAsync(request);
        Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}\n{output}\n{error}\n{host.Log}");
        var setup = Assert.Single(Setups(first));
        var sentinel = Path.Combine(first.RemoteFolder, "setups", setup, "sentinel");
        await File.WriteAllTextAsync(sentinel, "left by the test");
        var (second, again, againError) = await RemoteRunTests.RunAsync(request);

        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}\n{again}\n{againError}");
        Assert.Equal(first.RemoteFolder, second.RemoteFolder);
        Assert.Equal(7, Calls(second).Length);
        Assert.True(again.Contains("0 to run, 7 already complete", StringComparison.Ordinal), again);
        Assert.Contains("set-up unchanged", again, StringComparison.Ordinal);
        Assert.Equal([setup], Setups(second));
        Assert.True(File.Exists(sentinel), "the unchanged set-up was copied again");
        Assert.Contains("\"succeeded\"", File.ReadAllText(Path.Combine(second.LocalFolder!, "history.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overwrite_window_recomputes_only_the_last_days_on_the_host()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Days", "--interval", Week, "--overwrite-n-days", "2");

        var (first, output, error) = await RemoteRunTests.RunAsync(request);
        var (second, again, againError) = await RemoteRunTests.RunAsync(request);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"{output}\n{error}\n{again}\n{againError}");
        var calls = Calls(second);
        Assert.Equal(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07"], calls[..7].Order());
        Assert.Equal(["2026-01-06", "2026-01-07"], calls[7..].Order());
    }

    [Fact]
    public async Task A_changed_workflow_file_is_copied_again_and_becomes_current()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Hello");
        var (first, _, _) = await RemoteRunTests.RunAsync(request);
        var changed = LocalProject.Hello.Replace("out/greet.txt", "out/greet-again.txt", StringComparison.Ordinal);
        project.With("workflows/hello.yml", changed);

        var (second, output, error) = await RemoteRunTests.RunAsync(request);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"exit {second.ExitCode}\n{output}\n{error}");
        Assert.Contains("copied the set-up", output, StringComparison.Ordinal);
        Assert.Equal(2, Setups(second).Length);
        Assert.Equal(changed, File.ReadAllText(Path.Combine(second.RemoteFolder, "workflows/hello.yml")));
        Assert.True(File.Exists(Path.Combine(second.RemoteFolder, "out/greet-again.txt")), output);
    }

    [Fact]
    public async Task Skip_setup_runs_what_the_workspace_has_and_copies_nothing()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Hello");
        var refused = await Assert.ThrowsAsync<RemoteRunException>(() => RemoteRunTests.RunAsync(request with { SkipSetup = true }));
        var (first, _, _) = await RemoteRunTests.RunAsync(request);
        project.With("workflows/hello.yml", LocalProject.Hello.Replace("out/greet.txt", "out/never.txt", StringComparison.Ordinal));

        var (skipped, output, error) = await RemoteRunTests.RunAsync(request with { SkipSetup = true, Parameters = ["--who", "again"] });

        Assert.Contains("has no set-up yet: run once without --skip-setup", refused.Message, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0 && skipped.ExitCode == 0, $"exit {skipped.ExitCode}\n{output}\n{error}");
        Assert.Contains("--skip-setup", output, StringComparison.Ordinal);
        Assert.Single(Setups(skipped));
        Assert.Equal(LocalProject.Hello, File.ReadAllText(Path.Combine(skipped.RemoteFolder, "workflows/hello.yml")));
        Assert.False(File.Exists(Path.Combine(skipped.RemoteFolder, "out/never.txt")), "the run used the local workflow, not the workspace's");
    }

    [Fact]
    public async Task Two_runs_at_once_into_one_workspace_copy_one_set_up_and_run_each_task_once()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Days", "--interval", Week);

        var runs = await Task.WhenAll(RemoteRunTests.RunAsync(request), RemoteRunTests.RunAsync(request));

        Assert.All(runs, run => Assert.True(run.Result.ExitCode == 0, $"exit {run.Result.ExitCode}\n{run.Out}\n{run.Err}"));
        Assert.Equal(7, Calls(runs[0].Result).Length);
        Assert.Single(Setups(runs[0].Result));
    }

    [Fact]
    public async Task Two_runs_at_once_with_different_set_ups_each_run_their_own()
    {
        using var one = LocalProject.Create().With("workflows/hello.yml", LocalProject.Hello.Replace("hello", "one", StringComparison.Ordinal));
        using var two = LocalProject.Create().With("workflows/hello.yml", LocalProject.Hello.Replace("hello", "two", StringComparison.Ordinal)
            .Replace("Hello", "HelloTwo", StringComparison.Ordinal).Replace("Greet:", "GreetTwo:", StringComparison.Ordinal)
            .Replace("out/greet.txt", "out/greet-two.txt", StringComparison.Ordinal));
        var request = RemoteRunTests.Request(host, one, "Hello");

        var runs = await Task.WhenAll(RemoteRunTests.RunAsync(request), RemoteRunTests.RunAsync(request with { LocalRoot = two.Root, Workflow = "HelloTwo" }));

        Assert.All(runs, run => Assert.True(run.Result.ExitCode == 0, $"exit {run.Result.ExitCode}\n{run.Out}\n{run.Err}"));
        var folder = runs[0].Result.RemoteFolder;
        Assert.StartsWith("one world from", File.ReadAllText(Path.Combine(folder, "out/greet.txt")), StringComparison.Ordinal);
        Assert.StartsWith("two world from", File.ReadAllText(Path.Combine(folder, "out/greet-two.txt")), StringComparison.Ordinal);
        Assert.Equal(2, Setups(runs[0].Result).Length);
        Assert.Contains(Path.GetFileName(new DirectoryInfo(Path.Combine(folder, "current")).LinkTarget), Setups(runs[0].Result));
    }

    [Fact]
    public async Task A_set_up_no_longer_current_is_removed_a_day_later()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Hello");
        var (first, _, _) = await RemoteRunTests.RunAsync(request);
        var old = Assert.Single(Setups(first));
        project.With("workflows/hello.yml", LocalProject.Hello + "\n# changed\n");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromHours(25));
        var output = new StringWriter();

        var second = await new RemoteRunner(output, new StringWriter(), clock).RunAsync(request, CancellationToken.None);

        Assert.True(second.ExitCode == 0, output.ToString());
        Assert.Contains($"removed the old set-up setups/{old}", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(old, Setups(second));
        Assert.Single(Setups(second));
    }

    [Fact]
    public async Task A_fresh_run_remembers_nothing()
    {
        using var project = Project();
        var request = RemoteRunTests.Request(host, project, "Days", "--interval", "2026-01-01-2026-01-03") with { Fresh = true };

        var (first, output, error) = await RemoteRunTests.RunAsync(request);
        var (second, _, _) = await RemoteRunTests.RunAsync(request);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"{output}\n{error}");
        Assert.StartsWith(host.RemoteBase + "/loader-remote-", first.RemoteFolder, StringComparison.Ordinal);
        Assert.NotEqual(first.RemoteFolder, second.RemoteFolder);
        Assert.Equal(2, Calls(second).Length);
        Assert.Equal(project.Path(".loader/remote/" + Path.GetFileName(first.RemoteFolder)), first.LocalFolder);
    }

    [Fact]
    public async Task The_cli_takes_remote_name_as_edx_did_and_refuses_a_bad_workspace_name()
    {
        using var project = Project();
        string[] login = ["--host", "127.0.0.1", "--port", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", RemoteHost.User, "--key", host.Key, "--known-hosts", host.KnownHosts, "--remote-command", RemoteHost.RemoteCommand,
            "--folder", host.RemoteBase, "--wait"];

        var empty = await RunsOnSshTests.LoaderAsync(project, ["remote", .. login, "--remote-name", "never-set-up", "--skip-setup", "Hello"]);
        var bad = await RunsOnSshTests.LoaderAsync(project, ["remote", .. login, "--workspace", "../elsewhere", "Hello"]);
        var both = await RunsOnSshTests.LoaderAsync(project, ["remote", .. login, "--workspace", "w", "--fresh", "Hello"]);

        Assert.True(empty.Exit == 2, empty.Err);
        Assert.Contains($"the workspace {host.RemoteBase}/loader-workspaces/never-set-up has no set-up yet", empty.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"{host.RemoteBase}/loader-workspaces/never-set-up"), "a refused --skip-setup made the workspace");
        Assert.True(bad.Exit == 2, bad.Err);
        Assert.Contains("'../elsewhere' cannot name a workspace", bad.Err, StringComparison.Ordinal);
        Assert.True(both.Exit == 2, both.Err);
        Assert.Contains("--fresh", both.Err, StringComparison.Ordinal);
    }
}
