using System.Diagnostics;
using Loader.Events;
using Loader.Parameters;
using Loader.Planning;
using Loader.Running;
using Loader.Sftp.Tests.Support;
using Loader.State.Sqlite;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Sftp.Tests.Download;

/// <summary>The step through the engine: a workflow file with <c>uses: sftp.download</c>, settings from the configuration layers.</summary>
[Collection(SshServerCollection.Name)]
public sealed class RunnerTests(SshServer server) : IAsyncLifetime
{
    /// <summary>The nightly workflow's retry: without the not-there-yet rule a missing dump took a minute to fail.</summary>
    private readonly StepHarness _harness = new(retry: "{attempts: 3, delay: 30s}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Workflow_run_downloads_the_days_file_with_settings_from_configuration()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(5_000_000));

        var (result, events) = await RunAsync(new SftpDownloadStep());

        Assert.True(result.ExitCode == ExitCodes.Success, string.Join(Environment.NewLine, events.Failures));
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
        Assert.False(File.Exists(_harness.PartPath));
        Assert.Contains(events.Progress, p => p.StartsWith("5.0 MB of 5.0 MB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_remote_file_ends_the_run_as_missing_external_data_at_once()
    {
        // The server is shared: an earlier test may have served the day's file.
        File.Delete(Path.Combine(server.Served, StepHarness.RemoteRelative));

        await AssertNotThereYetAsync(new SftpDownloadStep(), "no such file");
    }

    [Fact]
    public async Task Empty_remote_file_ends_the_run_as_missing_external_data_at_once()
    {
        server.Serve(StepHarness.RemoteRelative, []);

        await AssertNotThereYetAsync(new SftpDownloadStep(), "it is empty");
    }

    [Fact]
    public async Task Remote_file_growing_during_the_read_ends_the_run_as_missing_external_data_at_once()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(20_000_000));

        await AssertNotThereYetAsync(new SftpDownloadStep { AfterWrite = ResumeTests.GrowOnce(source) }, "it is still being written");
    }

    private async Task AssertNotThereYetAsync(SftpDownloadStep step, string why)
    {
        var clock = Stopwatch.StartNew();

        var (result, events) = await RunAsync(step);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the run took {clock.Elapsed.TotalSeconds:F1}s");
        Assert.Equal(ExitCodes.MissingExternalData, result.ExitCode);
        var (outcome, reason) = Assert.Single(result.Outcomes.Values);
        Assert.Equal(TaskOutcome.MissingExternalData, outcome);
        Assert.StartsWith($"sftp.download: not there yet: ./{StepHarness.RemoteRelative} on 127.0.0.1:{server.Port} ({why}", reason);
        Assert.Equal(1, events.Started);
        Assert.Contains("are waiting for external data", ExecutionSummary.Render(result));
        Assert.False(File.Exists(_harness.FinalPath));
    }

    /// <summary>Plans and runs the harness's workflow for 2026-01-20 with <paramref name="step"/>, settings from config/default.yml and secret.yml.</summary>
    private async Task<(RunResult Result, EventLog Events)> RunAsync(SftpDownloadStep step)
    {
        var config = Path.Combine(_harness.Root, "config");
        await File.WriteAllTextAsync(Path.Combine(config, "default.yml"), $"""
            sftp:
              host: 127.0.0.1
              port: {server.Port}
              user: {SshServer.User}
              key_file: {server.Ed25519Key}
              known_hosts: {server.HashedKnownHosts}
              backoff: 100ms

            """);
        var secret = Path.Combine(config, "secret.yml");
        await File.WriteAllTextAsync(secret, $"sftp:\n  key_passphrase: {SshServer.KeyPassphrase}\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var configuration = _harness.Configuration();
        var steps = StepHarness.Steps(step);
        steps.ConfigSections.Add("sftp");
        var catalog = WorkflowCatalog.Load([Path.Combine(_harness.Root, "workflows")], steps);
        Assert.Empty(catalog.Problems);
        var graph = new GraphBinder(catalog, configuration, new ParameterParser(TimeProvider.System, StepHarness.Day), steps.ConfigSections)
            .Bind(StepHarness.Workflow, new Dictionary<string, string> { ["interval"] = "2026-01-20" });
        Assert.Empty(graph.Warnings);
        var targets = TargetStores.Local();
        var plan = await new Planner(targets, TimeProvider.System).PlanAsync(graph, [], CancellationToken.None);
        var events = new EventLog();
        await using var state = new SqliteStateStore(Path.Combine(_harness.Root, "runner.db"));
        await state.InitializeAsync(CancellationToken.None);
        var services = new RunnerServices(state, steps, targets, events, TimeProvider.System, configuration);
        var options = new RunOptions { Workers = 1, Today = StepHarness.Day, LogFolder = Path.Combine(_harness.Root, "logs") };

        return (await new Runner(services, options).RunAsync(plan, CancellationToken.None), events);
    }

    private sealed class EventLog : IRunEventSink
    {
        public List<string> Progress { get; } = [];
        public List<string> Failures { get; } = [];
        public int Started { get; private set; }

        public void Emit(RunEvent runEvent)
        {
            lock (this)
            {
                switch (runEvent)
                {
                    case TaskStarted:
                        Started++;
                        break;
                    case TaskProgress progress:
                        Progress.Add(progress.Message);
                        break;
                    case TaskFailed failed:
                        Failures.Add(failed.Error);
                        break;
                }
            }
        }
    }
}
