using System.Globalization;
using Loader.State;

namespace Loader.Studio.Api;

/// <summary>Which runner holds a task's lease: its host and process, from the lease's owner <c>host:pid:run</c>.</summary>
internal static class LeaseView
{
    /// <summary>The live leases by task key, of run <paramref name="runId"/> only, or of every run when null.</summary>
    public static async Task<IReadOnlyDictionary<string, object>> HoldersAsync(IStateStore state, TimeProvider clock, long? runId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var holders = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var lease in await state.ListLeasesAsync(cancellationToken))
        {
            var parts = lease.Owner.Split(':');
            long? leaseRun = parts.Length > 2 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
            if (lease.Expires <= now || (runId is not null && leaseRun != runId))
            {
                continue;
            }
            holders[lease.TaskKey] = new
            {
                host = parts[0],
                pid = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : (int?)null,
                runId = leaseRun,
                expires = lease.Expires,
            };
        }
        return holders;
    }
}
