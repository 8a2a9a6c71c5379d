using System.Globalization;
using Loader.State;

namespace Loader.Studio.Api;

/// <summary>Which runner holds a task's lease: its host and process, from the lease's owner <c>host:pid:run</c>.</summary>
internal static class LeaseView
{
    /// <summary>The live leases by task key, of run <paramref name="runId"/> only, or of every run when null.</summary>
    public static async Task<IReadOnlyDictionary<string, object>> HoldersAsync(IStateStore state, TimeProvider clock, long? runId, CancellationToken cancellationToken) =>
        (await LiveAsync(state, clock, cancellationToken))
            .Where(lease => runId is null || RunOf(lease.Value) == runId)
            .ToDictionary(lease => lease.Key, lease => Of(lease.Value), StringComparer.Ordinal);

    /// <summary>Every lease that has not expired, by task key.</summary>
    public static async Task<IReadOnlyDictionary<string, LeaseRecord>> LiveAsync(IStateStore state, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return (await state.ListLeasesAsync(cancellationToken))
            .Where(lease => lease.Expires > now)
            .ToDictionary(lease => lease.TaskKey, StringComparer.Ordinal);
    }

    /// <summary>A lease as JSON: <c>{"host", "pid", "runId", "expires"}</c>.</summary>
    public static object Of(LeaseRecord lease)
    {
        var parts = lease.Owner.Split(':');
        return new
        {
            host = parts[0],
            pid = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : (int?)null,
            runId = RunOf(lease),
            expires = lease.Expires,
        };
    }

    private static long? RunOf(LeaseRecord lease) =>
        lease.Owner.Split(':') is [_, _, var run, ..] && long.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
