namespace Loader.Emr;

/// <summary>Finding, starting and waiting for long-running clusters.</summary>
public static class EmrClusters
{
    /// <summary>The states of a cluster that can still run steps.</summary>
    public static readonly string[] AliveStates = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"];

    /// <summary>The id of <paramref name="cluster"/>: itself when it is an id, else the alive cluster with that name.</summary>
    public static async Task<string> ResolveAsync(EmrClient client, string cluster, CancellationToken ct)
    {
        if (cluster.StartsWith("j-", StringComparison.Ordinal))
        {
            return cluster;
        }
        var alive = (await client.ListAllClustersAsync(AliveStates, ct)).Where(c => c.Name == cluster).ToList();
        return alive.Count switch
        {
            0 => throw new EmrClusterException($"no alive EMR cluster is named '{cluster}': start one (loader emr up) or give its id"),
            1 => alive[0].Id,
            _ => throw new EmrClusterException($"{alive.Count} alive EMR clusters are named '{cluster}' ({string.Join(", ", alive.Select(c => c.Id))}): give the id"),
        };
    }

    /// <summary>The alive cluster named <c>spec.Name</c>, or a new one from <paramref name="spec"/>; waits until it is WAITING or RUNNING.</summary>
    public static async Task<(string Id, bool Created)> UpAsync(EmrClient client, ClusterSpec spec, Action<string> progress, TimeSpan timeout, CancellationToken ct)
    {
        var (id, created) = await FindOrCreateAsync(client, spec, progress, ct);
        await WaitAsync(client, id, progress, timeout, ct);
        return (id, created);
    }

    /// <summary>The alive cluster named <c>spec.Name</c>, or a new one from <paramref name="spec"/>, without waiting for it.</summary>
    public static async Task<(string Id, bool Created)> FindOrCreateAsync(EmrClient client, ClusterSpec spec, Action<string> progress, CancellationToken ct)
    {
        var alive = (await client.ListAllClustersAsync(AliveStates, ct)).Where(c => c.Name == spec.Name).ToList();
        if (alive.Count > 0)
        {
            progress($"reusing cluster {alive[0].Id} ({spec.Name})");
            return (alive[0].Id, false);
        }
        if (spec.Region is { } region && region != client.Settings.Region)
        {
            throw new EmrClusterException($"the cluster file puts '{spec.Name}' in {region}, but EMR requests go to {client.Settings.Region}: set emr.region: {region}");
        }
        string id;
        try
        {
            id = (await client.RunJobFlowAsync(spec.ToRequest(client.Settings.Region), ct)).JobFlowId;
        }
        catch (EmrException e) when (e.Transient && !e.Throttled)
        {
            throw new EmrClusterException($"{e.Message}; cluster '{spec.Name}' may have been created all the same: look at 'loader emr status' before trying again");
        }
        progress($"created cluster {id} ({spec.Name})");
        return (id, true);
    }

    /// <summary>Waits until cluster <paramref name="id"/> can run steps (WAITING or RUNNING), reporting each state change.</summary>
    public static async Task WaitAsync(EmrClient client, string id, Action<string> progress, TimeSpan timeout, CancellationToken ct)
    {
        var clock = client.Clock;
        var deadline = clock.GetUtcNow() + timeout;
        var poll = client.Settings.Poll;
        string? last = null;
        while (true)
        {
            var status = (await client.DescribeClusterAsync(id, ct)).Cluster.Status;
            if (status.State != last)
            {
                progress($"cluster {id}: {status.State}");
                last = status.State;
            }
            switch (status.State)
            {
                case "WAITING" or "RUNNING":
                    return;
                case "TERMINATING" or "TERMINATED" or "TERMINATED_WITH_ERRORS":
                    throw new EmrClusterException($"cluster {id} is {status.State}{(status.StateChangeReason?.Message is { Length: > 0 } why ? $" ({why})" : "")}: it cannot run steps; start another (loader emr up)");
            }
            if (clock.GetUtcNow() >= deadline)
            {
                throw new EmrClusterException($"cluster {id} was still {status.State} after {Loader.Parameters.Durations.Format(timeout)}: look at its bootstrap actions and instance groups (loader emr status {id}), or raise emr.start_timeout");
            }
            await Task.Delay(poll, clock, ct);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, client.Settings.MaxPoll.Ticks));
        }
    }
}

/// <summary>A cluster that cannot run the run's steps: terminated, never ready, or not found.</summary>
public sealed class EmrClusterException(string message) : Exception(message);
