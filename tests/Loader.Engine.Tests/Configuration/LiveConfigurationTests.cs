using System.Runtime.Versioning;
using Loader.Configuration;
using Loader.Configuration.Settings;
using Loader.Engine.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.Configuration;

/// <remarks>Unix only: secret.yml is written with mode 600.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class LiveConfigurationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "loader-live-config-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private readonly LayerServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<string> _warnings = [];
    private readonly List<ConfigurationRefusal> _refusals = [];
    private LiveConfiguration? _live;

    public LiveConfigurationTests() => Directory.CreateDirectory(Folder);

    private string Folder => Path.Combine(_root, "config");

    public void Dispose()
    {
        _live?.Dispose();
        _server.Dispose();
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path + ".new", yaml);
        if (name == "secret.yml")
        {
            File.SetUnixFileMode(path + ".new", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(path + ".new", path, overwrite: true);
        return path;
    }

    private async Task<LiveConfiguration> StartAsync(TimeProvider clock, params string[] configs)
    {
        var layers = ConfigLayers.Of(Folder, configs, _environment);
        var fetcher = new RemoteLayerFetcher(_ => FileSources.Local(), _http);
        var remote = await fetcher.FetchAsync(layers, CancellationToken.None);
        _live = new LiveConfiguration(
            LoaderConfiguration.Load(layers, remote), remote, layers, fetcher, [.. RunnerSettings.All, .. ConfigurationSettings.All], clock,
            warning =>
            {
                lock (_warnings)
                {
                    _warnings.Add(warning);
                }
            });
        _live.Refused += (_, refusal) =>
        {
            lock (_refusals)
            {
                _refusals.Add(refusal);
            }
        };
        _live.Start();
        return _live;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, $"{what} did not happen within {Patience.TotalSeconds}s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_changed_local_file_is_picked_up_while_running()
    {
        Write("default.yml", "art:\n  username: loader\n");
        Write("secret.yml", "art:\n  password: first-password\n");
        var live = await StartAsync(TimeProvider.System);
        var changed = 0;
        live.Changed += (_, _) => Interlocked.Increment(ref changed);

        Write("secret.yml", "art:\n  password: rotated-password\n");

        await EventuallyAsync(() => live.Current["art:password"] == "rotated-password", "the rotated password being read");
        Assert.True(Volatile.Read(ref changed) >= 1);
        Assert.Equal("pass ***", live.Current.Secrets.Mask("pass rotated-password"));
    }

    [Fact]
    public async Task A_reloaded_configuration_that_does_not_validate_is_refused_and_the_old_one_stays()
    {
        Write("default.yml", "runner:\n  workers: 3\n");
        Write("secret.yml", "art:\n  password: kept\n");
        var live = await StartAsync(new FakeTimeProvider());
        var before = live.Current;

        Write("default.yml", "runner:\n  workers: many\nstate:\n  lease_ttl: 0s\n");
        var taken = await live.ReloadAsync(fetchRemote: false, CancellationToken.None);

        Assert.False(taken);
        Assert.Same(before, live.Current);
        Assert.Equal("3", live.Current["runner:workers"]);
        var refusal = Assert.Single(_refusals);
        Assert.Equal(2, refusal.Problems.Count);
        Assert.Contains("runner.workers is 'many'", refusal.Problems[0], StringComparison.Ordinal);
        Assert.Contains("state.lease_ttl is '0s'", refusal.Problems[1], StringComparison.Ordinal);
        Assert.Contains(_warnings, w => w.StartsWith("configuration not reloaded, the previous one stays in use: ", StringComparison.Ordinal) && w.Contains("runner.workers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_refusal_is_reported_once_and_a_fixed_file_is_taken()
    {
        Write("default.yml", "runner:\n  workers: 3\n");
        var live = await StartAsync(new FakeTimeProvider());

        Write("default.yml", "runner: [not, a, mapping\n");
        Assert.False(await live.ReloadAsync(fetchRemote: false, CancellationToken.None));
        Assert.False(await live.ReloadAsync(fetchRemote: false, CancellationToken.None));
        Write("default.yml", "runner:\n  workers: 5\n");
        Assert.True(await live.ReloadAsync(fetchRemote: false, CancellationToken.None));

        Assert.Contains("malformed YAML", Assert.Single(_refusals).Problems.Single(), StringComparison.Ordinal);
        Assert.Equal("5", live.Current["runner:workers"]);
    }

    [Fact]
    public async Task Remote_layers_are_fetched_again_each_refresh_interval()
    {
        Write("default.yml", "service:\n  config_refresh: 1m\n");
        var url = _server.Serve("/site.yml", "site:\n  owner: first\n");
        var clock = new FakeTimeProvider();
        var live = await StartAsync(clock, url);
        _server.Serve("/site.yml", "site:\n  owner: second\n");

        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300);
        Assert.Equal("first", live.Current["site:owner"]);
        clock.Advance(TimeSpan.FromSeconds(1));

        await EventuallyAsync(() => live.Current["site:owner"] == "second", "the remote layer being fetched again");
    }

    [Fact]
    public async Task A_remote_layer_that_cannot_be_fetched_again_keeps_the_old_configuration_and_reports_it()
    {
        var url = _server.Serve("/site.yml", "site:\n  owner: first\n");
        var live = await StartAsync(new FakeTimeProvider(), url);
        _server.Dispose();

        Assert.False(await live.ReloadAsync(fetchRemote: true, CancellationToken.None));

        Assert.Equal("first", live.Current["site:owner"]);
        Assert.StartsWith($"cannot fetch configuration {url}: ", Assert.Single(Assert.Single(_refusals).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_change_keeps_the_remote_layers_last_fetched()
    {
        var url = _server.Serve("/site.yml", "site:\n  owner: remote\n");
        Write("default.yml", "site:\n  owner: default\n  team: one\n");
        var live = await StartAsync(new FakeTimeProvider(), url);
        _server.Dispose();

        Write("default.yml", "site:\n  owner: default\n  team: two\n");
        Assert.True(await live.ReloadAsync(fetchRemote: false, CancellationToken.None));

        Assert.Equal(("remote", "two"), (live.Current["site:owner"], live.Current["site:team"]));
    }
}
