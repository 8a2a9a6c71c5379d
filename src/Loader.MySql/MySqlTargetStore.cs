using Loader.MySql.Connections;
using Loader.MySql.Markers;
using Loader.Targets;

namespace Loader.MySql;

/// <summary>
/// Marker rows in MySQL, <c>{marker: "mysql://CONNECTION/DATABASE/TABLE"}</c>: a task is complete when the marker
/// table of DATABASE has a row with the task's key as <c>update_id</c> and <c>DATABASE.TABLE</c> as
/// <c>target_table</c>. The steps that fill tables (<c>mysql.load</c>, <c>mysql.query</c>) write that row in the
/// transaction of their data; committing here only checks that it is there.
/// </summary>
public sealed class MySqlTargetStore(MySqlConnections connections) : ITargetStore
{
    // Keys per IN list: well under max_allowed_packet, and few round trips for 100,000 targets.
    private const int KeysPerQuery = 1_000;

    /// <inheritdoc />
    public string Scheme => MarkerAddress.Scheme;

    /// <summary>The connections the markers name.</summary>
    public MySqlConnections Connections { get; } = connections;

    /// <inheritdoc />
    public async Task<IReadOnlySet<Target>> WhichExistAsync(IReadOnlyCollection<Target> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var existing = new HashSet<Target>();
        var addressed = targets.Select(t => (Target: t, Address: MarkerAddress.Of(t))).ToList();
        foreach (var byConnection in addressed.GroupBy(a => a.Address.Connection, StringComparer.Ordinal))
        {
            var settings = await Connections.GetAsync(byConnection.Key, cancellationToken);
            await using var connection = await Database.OpenAsync(settings, cancellationToken);
            foreach (var byDatabase in byConnection.GroupBy(a => a.Address.Database, StringComparer.Ordinal))
            {
                foreach (var chunk in byDatabase.Chunk(KeysPerQuery))
                {
                    var keys = chunk.Select(c => c.Target.TaskKey).Distinct(StringComparer.Ordinal).ToList();
                    var found = await MarkerTable.FindAsync(connection, byDatabase.Key, settings.MarkerTable, keys, cancellationToken);
                    existing.UnionWith(chunk.Where(c => found.Contains((c.Target.TaskKey, c.Address.TargetTable))).Select(c => c.Target));
                }
            }
        }
        return existing;
    }

    /// <inheritdoc />
    public Task<string> PrepareAsync(Target target, CancellationToken cancellationToken)
    {
        // Nothing to stage: the step writes rows and marker in one transaction. The location tells it where.
        _ = MarkerAddress.Of(target);
        return Task.FromResult(target.Location);
    }

    /// <inheritdoc />
    public async Task CommitAsync(Target target, string writtenAt, string markerContent, CancellationToken cancellationToken)
    {
        var address = MarkerAddress.Of(target);
        var settings = await Connections.GetAsync(address.Connection, cancellationToken);
        await using var connection = await Database.OpenAsync(settings, cancellationToken);
        if (!await MarkerTable.ExistsAsync(connection, address.Database, settings.MarkerTable, target.TaskKey, address.TargetTable, cancellationToken))
        {
            throw new InvalidOperationException(
                $"the step succeeded but wrote no marker row for {target.Location} (update_id {target.TaskKey} in {address.Database}.{settings.MarkerTable}): "
                + "MySQL markers are written by mysql.load and mysql.query, in the transaction of their data");
        }
    }

    /// <inheritdoc />
    public Task DiscardAsync(Target target, string writtenAt, CancellationToken cancellationToken) =>
        // A failed attempt's transaction was rolled back: nothing of it is left to throw away.
        Task.CompletedTask;
}
