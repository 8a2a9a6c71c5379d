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
    private readonly Lazy<Task<string>> _cluster;
    private string? _clusterId;

    internal EmrSession(EmrClient client, Action<string> notice, CancellationToken runCancelled)
    {
        Client = client;
        _notice = notice;
        _cluster = new Lazy<Task<string>>(() => BringUpAsync(runCancelled));
    }

    /// <summary>The signed EMR client the run's steps use.</summary>
    public EmrClient Client { get; }

    /// <summary>The run's cluster, found or created (once per run) and WAITING.</summary>
    public Task<string> ClusterAsync(CancellationToken cancellationToken) => _cluster.Value.WaitAsync(cancellationToken);

    private async Task<string> BringUpAsync(CancellationToken cancellationToken)
    {
        var settings = Client.Settings;
        if (settings.Cluster is { } named && named.StartsWith("j-", StringComparison.Ordinal))
        {
            _clusterId = named;
        }
        else if (settings.ClusterFile is { } file)
        {
            var spec = Spec(file, settings.Cluster);
            (_clusterId, _) = await EmrClusters.FindOrCreateAsync(Client, spec, _notice, cancellationToken);
        }
        else if (settings.Cluster is { } name)
        {
            _clusterId = await EmrStep.ResolveClusterAsync(Client, name, cancellationToken);
        }
        else
        {
            throw new EmrClusterException($"no EMR cluster to run on: set emr.cluster (an id or the name of an alive cluster), or describe one in {EmrSettings.DefaultClusterFile} (or the file emr.cluster_file names)");
        }
        await EmrClusters.WaitAsync(Client, _clusterId, _notice, settings.StartTimeout, cancellationToken);
        return _clusterId;
    }

    private static ClusterSpec Spec(string file, string? name)
    {
        ClusterSpec spec;
        try
        {
            spec = ClusterSpec.Load(file);
        }
        catch (IOException e)
        {
            throw new EmrClusterException($"cannot read the cluster file {file}: {e.Message}");
        }
        catch (ConfigurationException e)
        {
            throw new EmrClusterException(e.Message);
        }
        return name is null || name == spec.Name
            ? spec
            : throw new EmrClusterException($"emr.cluster is '{name}' but {file} describes cluster '{spec.Name}': make them agree");
    }

    /// <summary>Terminates the run's cluster when <c>emr.terminate</c> says so (even one that never became ready), then closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.Settings.Terminate && _clusterId is { } id)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await Client.TerminateJobFlowsAsync([id], timeout.Token);
                _notice($"terminating cluster {id} (emr.terminate is true)");
            }
        }
        finally
        {
            Client.Dispose();
        }
    }
}
