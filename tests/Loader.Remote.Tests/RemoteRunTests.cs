using System.Diagnostics;
using System.Text.Json;
using Loader.Remote.Tests.Support;

namespace Loader.Remote.Tests;

/// <summary><c>loader remote</c> against a real sshd, logged in as the other user loadertest, each test in a workspace of its own.</summary>
[Collection(RemoteHostCollection.Name)]
public sealed class RemoteRunTests(RemoteHost host)
{
    internal static RemoteRunRequest Request(RemoteHost host, LocalProject project, string workflow, params string[] parameters) => new()
    {
        Host = "127.0.0.1",
        Port = host.Port,
        User = RemoteHost.User,
        KeyFile = host.Key,
        KnownHosts = host.KnownHosts,
        RemoteCommand = RemoteHost.RemoteCommand,
        Folder = host.RemoteBase,
        Workspace = "test-" + Guid.NewGuid().ToString("N")[..12],
        Workflow = workflow,
        Parameters = parameters,
        LocalRoot = project.Root,
    };

    private RemoteRunRequest Request(LocalProject project, string workflow, params string[] parameters) => Request(host, project, workflow, parameters);

    internal static async Task<(RemoteRunResult Result, string Out, string Err)> RunAsync(RemoteRunRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await new RemoteRunner(output, error).RunAsync(request, timeout.Token);
        return (result, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_remote_run_succeeds_as_the_remote_user_streams_its_output_and_carries_back_exit_0()
    {
        using var project = LocalProject.Create();

        var (result, output, error) = await RunAsync(Request(project, "Hello", "--who", "tester"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{output}\n{error}\n{host.Log}");
        Assert.Contains("Greet", output, StringComparison.Ordinal);
        Assert.StartsWith(host.RemoteBase + "/loader-workspaces/test-", result.RemoteFolder, StringComparison.Ordinal);
        Assert.Equal("hello tester from loadertest", File.ReadAllText(Path.Combine(result.RemoteFolder, "out/greet.txt")).Trim());
        Assert.True(File.Exists(Path.Combine(result.RemoteFolder, "workflows/more/failing.yml")), "the workflow folder was not copied whole");
        Assert.True(File.Exists(Path.Combine(result.RemoteFolder, "config/default.yml")));
        var log = File.ReadAllText(Path.Combine(result.LocalFolder!, "output.log"));
        Assert.Contains("Greet", log, StringComparison.Ordinal);
        Assert.Equal(project.Path($".loader/remote/{Path.GetFileName(result.RemoteFolder)}/{Path.GetFileName(result.RunFolder)}"), result.LocalFolder);
    }

    [Fact]
    public async Task A_failing_workflow_carries_back_exit_code_30()
    {
        using var project = LocalProject.Create();

        var (result, output, error) = await RunAsync(Request(project, "Failing"));

        Assert.True(result.ExitCode == 30, $"exit {result.ExitCode}\n{output}\n{error}");
        Assert.Contains("Breaks", File.ReadAllText(Path.Combine(result.LocalFolder!, "output.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_json_is_fetched_back_and_names_the_run()
    {
        using var project = LocalProject.Create();

        var (result, output, error) = await RunAsync(Request(project, "Hello"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{output}\n{error}");
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.LocalFolder!, "history.json")));
        var run = Assert.Single(history.RootElement.EnumerateArray());
        Assert.Equal("Hello", run.GetProperty("workflow").GetString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Secret_yml_is_copied_only_with_secrets_and_then_private()
    {
        using var project = LocalProject.Create().With("config/secret.yml", "remote:\n  password: hunter2\n");

        var (without, _, _) = await RunAsync(Request(project, "Hello"));
        var (with, output, error) = await RunAsync(Request(project, "Hello") with { WithSecrets = true });

        Assert.Equal(0, without.ExitCode);
        Assert.False(File.Exists(Path.Combine(without.RemoteFolder, "config/secret.yml")), "secret.yml was copied without --with-secrets");
        Assert.True(with.ExitCode == 0, $"exit {with.ExitCode}\n{output}\n{error}");
        var secret = Path.Combine(with.RemoteFolder, "config/secret.yml");
        Assert.Equal("remote:\n  password: hunter2\n", File.ReadAllText(secret));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(secret));
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_with_the_fingerprint()
    {
        using var project = LocalProject.Create();
        var before = Directory.GetDirectories(host.RemoteBase).Length;

        var refused = await Assert.ThrowsAsync<RemoteRunException>(() => RunAsync(Request(project, "Hello") with { KnownHosts = host.ChangedKnownHosts }));

        Assert.Contains("HAS CHANGED", refused.Message, StringComparison.Ordinal);
        Assert.Contains(host.Fingerprint, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetDirectories(host.RemoteBase).Length);
    }

    [Fact]
    public async Task A_wrong_pinned_fingerprint_and_an_unknown_host_are_refused()
    {
        using var project = LocalProject.Create();
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');

        var pinned = await Assert.ThrowsAsync<RemoteRunException>(() => RunAsync(Request(project, "Hello") with { KnownHosts = null, HostKeySha256 = wrong }));
        var unknown = await Assert.ThrowsAsync<RemoteRunException>(() => RunAsync(Request(project, "Hello") with { KnownHosts = null }));

        Assert.Contains(host.Fingerprint, pinned.Message, StringComparison.Ordinal);
        Assert.Contains("unknown", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(host.Fingerprint, unknown.Message, StringComparison.Ordinal);
        var (ok, _, _) = await RunAsync(Request(project, "Hello") with { KnownHosts = null, HostKeySha256 = host.Fingerprint });
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public async Task Without_wait_the_run_is_left_going_with_its_output_in_the_run_folder()
    {
        using var project = LocalProject.Create();

        var (result, output, _) = await RunAsync(Request(project, "Hello") with { Wait = false });

        Assert.Null(result.LocalFolder);
        Assert.Contains(result.RemoteFolder, output, StringComparison.Ordinal);
        Assert.Contains("tail -f", output, StringComparison.Ordinal);
        var greeting = Path.Combine(result.RemoteFolder, "out/greet.txt");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(greeting) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(200);
        }
        Assert.True(File.Exists(greeting), File.Exists(Path.Combine(result.RunFolder, "output.log")) ? File.ReadAllText(Path.Combine(result.RunFolder, "output.log")) : "no output.log");
    }

    [Fact]
    public async Task The_cli_exits_with_the_remote_exit_code()
    {
        using var project = LocalProject.Create();

        var (exit, output, error) = await RunsOnSshTests.LoaderAsync(project,
            "remote", "--host", "127.0.0.1", "--port", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", RemoteHost.User, "--key", host.Key, "--known-hosts", host.KnownHosts, "--remote-command", RemoteHost.RemoteCommand,
            "--folder", host.RemoteBase, "--wait", "Failing");

        Assert.True(exit == 30, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Breaks", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extra_config_files_are_copied_and_passed_on()
    {
        using var project = LocalProject.Create()
            .With("workflows/configured.yml", """
                workflow: Configured
                tasks:
                  Writes:
                    uses: shell
                    with:
                      command: echo configured > "${outputs.out}"
                    outputs:
                      out: ${config.data_dir}/configured.txt
                """)
            .With("site.yml", "data_dir: from-extra\n");

        var (result, output, error) = await RunAsync(Request(project, "Configured") with { ConfigFiles = ["site.yml"] });

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{output}\n{error}");
        Assert.True(File.Exists(Path.Combine(result.RemoteFolder, "from-extra/configured.txt")), output);
    }

    [Fact]
    public async Task A_config_url_is_refused_as_the_host_fetches_remote_layers_itself()
    {
        using var project = LocalProject.Create().With("workflows/configured.yml", "workflow: Configured\ntasks:\n  Nothing: {uses: noop}\n");

        var error = await Assert.ThrowsAsync<RemoteRunException>(() =>
            RunAsync(Request(project, "Configured") with { ConfigFiles = ["https://ops:hunter22@config.example.org/site.yml"] }));

        Assert.Equal(
            "remote: --config https://ops:***@config.example.org/site.yml is a remote layer, which is not sent to the host: give a local file, or have the host fetch it itself (LOADER_CONFIG_URL in its environment)",
            error.Message);
    }

    [Fact]
    public async Task The_remote_output_streams_while_the_run_is_still_going()
    {
        var release = Path.Combine(host.RemoteBase, "release-" + Guid.NewGuid().ToString("N"));
        using var project = LocalProject.Create().With("workflows/waiting.yml", """
            workflow: Waiting
            parameters:
              release:
                type: string
            tasks:
              Waits:
                uses: shell
                timeout: 90s
                with:
                  command: while [ ! -f "${release}" ]; do sleep 0.2; done; echo released > "${outputs.out}"
                outputs:
                  out: out/released.txt
            """);
        var output = new WatchingWriter("started Waits");
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var run = new RemoteRunner(output, error).RunAsync(Request(project, "Waiting", "--release", release), timeout.Token);
        var first = await Task.WhenAny(output.Seen, run, Task.Delay(TimeSpan.FromSeconds(120)));

        Assert.True(first == output.Seen, $"the task's start was not streamed while it ran:\n{output}\n{error}");
        Assert.False(run.IsCompleted);
        await File.WriteAllTextAsync(release, "go");
        var result = await run;
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{output}\n{error}");
    }

    /// <summary>Captures what is written and says when <paramref name="awaited"/> first shows up.</summary>
    private sealed class WatchingWriter(string awaited) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Check();
        }

        private void Check()
        {
            if (ToString().Contains(awaited, StringComparison.Ordinal))
            {
                _seen.TrySetResult();
            }
        }
    }
}
