using Loader.Configuration;
using Loader.Steps;

namespace Loader.Emr;

/// <summary>
/// <c>runs_on: emr</c>: readies the run's EMR client; the run's cluster (<c>emr.cluster</c>, or the one
/// <c>emr.cluster_file</c> describes) is found or created before the first step that needs it and, with
/// <c>emr.terminate: true</c>, terminated when the run ends, succeeded, failed or cancelled.
/// </summary>
public sealed class EmrPlacement(Func<EmrSettings, EmrClient>? clients = null) : IPlacement
{
    /// <inheritdoc />
    public string Name => "emr";

    /// <inheritdoc />
    public Task<IPlacementSession> OpenAsync(PlacementContext context, CancellationToken cancellationToken)
    {
        var settings = EmrSettings.From(context.Configuration);
        var client = clients?.Invoke(settings) ?? new EmrClient(settings);
        return Task.FromResult<IPlacementSession>(new EmrSession(client, context.Notice, cancellationToken));
    }
}

/// <summary>One run's use of EMR: its client and, once a step asks for it, its cluster.</summary>
public sealed class EmrSession : IPlacementSession
{
    private readonly Action<string> _notice;
    private readonly CancellationTokenSource _stop;
    private readonly Lazy<Task<string>> _cluster;
    private string? _clusterId;

    internal EmrSession(EmrClient client, Action<string> notice, CancellationToken runCancelled)
    {
        Client = client;
        _notice = notice;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(runCancelled);
        _cluster = new Lazy<Task<string>>(() => BringUpAsync(_stop.Token));
    }

    /// <summary>The signed EMR client the run's steps use.</summary>
    public EmrClient Client { get; }

    /// <summary>The run's cluster, found or created (once per run) and WAITING.</summary>
    public Task<string> ClusterAsync(CancellationToken cancellationToken) => _cluster.Value.WaitAsync(cancellationToken);

    private async Task<string> BringUpAsync(CancellationToken cancellationToken)
    {
        var settings = Client.Settings;
        var byId = settings.Cluster?.StartsWith("j-", StringComparison.Ordinal) == true;
        var spec = settings.ClusterFile is { } file && !byId ? Spec(file) : null;
        string id;
        if (settings.Cluster is { } named && (byId || named != spec?.Name))
        {
            id = await EmrClusters.ResolveAsync(Client, named, cancellationToken);
        }
        else if (spec is not null)
        {
            (id, _) = await EmrClusters.FindOrCreateAsync(Client, spec, _notice, cancellationToken);
        }
        else
        {
            throw new EmrClusterException($"no EMR cluster to run on: set emr.cluster (an id or the name of an alive cluster), or describe one in {EmrSettings.DefaultClusterFile} (or the file emr.cluster_file names)");
        }
        Volatile.Write(ref _clusterId, id);
        await EmrClusters.WaitAsync(Client, id, _notice, settings.StartTimeout, cancellationToken);
        return id;
    }

    private static ClusterSpec Spec(string file)
    {
        try
        {
            return ClusterSpec.Load(file);
        }
        catch (IOException e)
        {
            throw new EmrClusterException($"cannot read the cluster file {file}: {e.Message}");
        }
        catch (ConfigurationException e)
        {
            throw new EmrClusterException(e.Message);
        }
    }

    /// <summary>
    /// Stops a bring-up still under way, then terminates the run's cluster when <c>emr.terminate</c> says so (even
    /// one that never became ready), then closes the client.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_cluster.IsValueCreated)
            {
                await _stop.CancelAsync();
                try
                {
                    await _cluster.Value;
                }
                catch (Exception e) when (e is OperationCanceledException or EmrException or EmrClusterException or HttpRequestException)
                {
                    // The tasks that needed the cluster failed with the reason.
                }
            }
            if (Client.Settings.Terminate && Volatile.Read(ref _clusterId) is { } id)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await Client.TerminateJobFlowsAsync([id], timeout.Token);
                _notice($"terminating cluster {id} (emr.terminate is true)");
            }
        }
        finally
        {
            _stop.Dispose();
            Client.Dispose();
        }
    }
}
