using Loader.Configuration.Settings;

namespace Loader.Configuration;

/// <summary>
/// The configuration of a long-running process, re-read while it runs: every layer when a local layer's file changes,
/// and every layer with the remote ones fetched again each <see cref="ConfigurationSettings.Refresh"/>. A re-read
/// configuration replaces <see cref="Current"/> only when it loads and every setting checks, as at start; otherwise the
/// current one stays, <see cref="Refused"/> says why (once per distinct problem) and a warning is written.
/// Safe to use from any thread.
/// </summary>
public sealed class LiveConfiguration : IDisposable
{
    // Editors write a file in several steps (truncate, write, rename): read once they have settled.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly ConfigLayers _layers;
    private readonly RemoteLayerFetcher _fetcher;
    private readonly IReadOnlyList<Setting> _settings;
    private readonly Action<string> _warn;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _settled;
    private readonly ITimer _refresh;
    private LoaderConfiguration _current;
    private IReadOnlyList<RemoteLayer> _remote;
    private TimeSpan _period;
    private string? _lastRefusal;

    /// <summary>
    /// Starts from <paramref name="current"/>, read from <paramref name="layers"/> with <paramref name="remote"/>; a re-read
    /// configuration must pass every one of <paramref name="settings"/>. <paramref name="warn"/> writes warnings.
    /// </summary>
    public LiveConfiguration(
        LoaderConfiguration current, IReadOnlyList<RemoteLayer> remote, ConfigLayers layers, RemoteLayerFetcher fetcher,
        IReadOnlyList<Setting> settings, TimeProvider clock, Action<string> warn)
    {
        _current = current;
        _remote = remote;
        _layers = layers;
        _fetcher = fetcher;
        _settings = settings;
        _warn = warn;
        _period = ConfigurationSettings.Refresh.Read(current.Root);
        _settled = clock.CreateTimer(_ => Reread(fetchRemote: false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _refresh = clock.CreateTimer(_ => Reread(fetchRemote: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The configuration in use now: read it afresh for each piece of work (a run, a request).</summary>
    public LoaderConfiguration Current => Volatile.Read(ref _current);

    /// <summary>Raised after a re-read configuration became <see cref="Current"/>.</summary>
    public event EventHandler? Changed;

    /// <summary>Raised when a re-read configuration was refused, once for each new set of problems: operators should hear of it.</summary>
    public event EventHandler<ConfigurationRefusal>? Refused;

    /// <summary>Starts watching the local layers' files and the refresh interval.</summary>
    public void Start()
    {
        var files = new[] { _layers.DefaultFile, _layers.SecretFile }.Concat(_layers.Files).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in files.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal).Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime,
            };
            void Touched(string path)
            {
                if (files.Contains(path))
                {
                    _settled.Change(Settle, Timeout.InfiniteTimeSpan);
                }
            }
            watcher.Changed += (_, e) => Touched(e.FullPath);
            watcher.Created += (_, e) => Touched(e.FullPath);
            watcher.Deleted += (_, e) => Touched(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Touched(e.FullPath);
                Touched(e.OldFullPath);
            };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        _refresh.Change(_period, _period);
    }

    /// <summary>
    /// Reads every layer again (fetching the remote ones again when <paramref name="fetchRemote"/>) and takes the result
    /// when it is valid; true when it did.
    /// </summary>
    public async Task<bool> ReloadAsync(bool fetchRemote, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            var (next, remote, problems) = await ReadAsync(fetchRemote, cancellationToken);
            if (next is null)
            {
                Refuse(problems);
                return false;
            }
            var previous = Current;
            foreach (var warning in next.Warnings.Except(previous.Warnings, StringComparer.Ordinal))
            {
                _warn(warning);
            }
            _remote = remote;
            _lastRefusal = null;
            Volatile.Write(ref _current, next);
            var period = ConfigurationSettings.Refresh.Read(next.Root);
            if (period != _period)
            {
                _period = period;
                _refresh.Change(period, period);
            }
        }
        finally
        {
            _reading.Release();
        }
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _settled.Dispose();
        _refresh.Dispose();
    }

    private async Task<(LoaderConfiguration? Next, IReadOnlyList<RemoteLayer> Remote, List<string> Problems)> ReadAsync(bool fetchRemote, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            var remote = fetchRemote ? await _fetcher.FetchAsync(_layers, cancellationToken) : _remote;
            var next = LoaderConfiguration.Load(_layers, remote);
            foreach (var setting in _settings)
            {
                try
                {
                    setting.Check(next.Root);
                }
                catch (ConfigurationException e)
                {
                    problems.Add(e.Message);
                }
            }
            return (problems.Count == 0 ? next : null, remote, problems);
        }
        catch (Exception e) when (e is ConfigurationException or ConfigurationFetchException)
        {
            problems.Add(e.Message);
            return (null, _remote, problems);
        }
    }

    private void Refuse(List<string> problems)
    {
        var refusal = new ConfigurationRefusal(problems);
        var text = refusal.ToString();
        if (text == _lastRefusal)
        {
            return;
        }
        _lastRefusal = text;
        _warn(text);
        Refused?.Invoke(this, refusal);
    }

    private async void Reread(bool fetchRemote)
    {
        try
        {
            await ReloadAsync(fetchRemote, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped while reading: nothing to take.
        }
        catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A timer's callback has no caller to throw to: say it, keep the current configuration.
            Refuse([$"re-reading the configuration failed: {e.Message}"]);
        }
    }
}
