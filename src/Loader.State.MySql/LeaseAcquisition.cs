using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>
/// Acquiring leases, with the SQLite store's rules, in one transaction: the lease rows of the batch are locked first
/// (inserted as free placeholders when missing), so no other process decides any of those keys in between; then
/// every key is decided from one read of the leases and one of the successes.
/// </summary>
internal static class LeaseAcquisition
{
    /// <summary>A placeholder row's owner: a lease nobody holds.</summary>
    private const string Nobody = "";

    /// <summary>Decides each key of <paramref name="taskKeys"/> for <paramref name="request"/>, in their order.</summary>
    public static async Task<IReadOnlyList<LeaseResult>> AcquireAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken)
    {
        var leases = new Dictionary<string, (string Owner, long Expires)>(StringComparer.Ordinal);
        var succeeded = new HashSet<string>(StringComparer.Ordinal);
        // Locks are taken in key order by every process, so two batches never wait on each other in a circle.
        var keys = taskKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var chunk in keys.Chunk(KeyList.Chunk))
        {
            await LockAsync(connection, transaction, chunk, cancellationToken);
            await ReadLeasesAsync(connection, transaction, chunk, leases, cancellationToken);
            await ReadSuccessesAsync(connection, transaction, chunk, request, succeeded, cancellationToken);
        }

        var now = StoredValue.Time(request.Now);
        var results = new List<LeaseResult>(taskKeys.Count);
        var acquired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in taskKeys)
        {
            var lease = leases.GetValueOrDefault(key, (Nobody, 0));
            if (succeeded.Contains(key))
            {
                results.Add(new LeaseResult(key, LeaseOutcome.CompletedElsewhere));
            }
            else if (lease.Owner != Nobody && lease.Owner != request.Owner && lease.Expires > now)
            {
                results.Add(new LeaseResult(key, LeaseOutcome.Held, lease.Owner));
            }
            else
            {
                acquired.Add(key);
                results.Add(new LeaseResult(key, LeaseOutcome.Acquired));
            }
        }

        foreach (var chunk in acquired.Order(StringComparer.Ordinal).Chunk(KeyList.Chunk))
        {
            await TakeAsync(connection, transaction, chunk, request, cancellationToken);
        }
        foreach (var chunk in keys.Chunk(KeyList.Chunk))
        {
            await DeletePlaceholdersAsync(connection, transaction, chunk, cancellationToken);
        }
        return results;
    }

    private static async Task LockAsync(MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        // INSERT ... ON DUPLICATE KEY UPDATE locks an existing row exclusively and leaves it as it is.
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var values = string.Join(",", Enumerable.Range(0, keys.Count).Select(i => $"(@k{i}, '', 0)"));
        KeyList.Add(command, keys);
        command.CommandText = $"INSERT INTO leases (task_key, owner, expires) VALUES {values} ON DUPLICATE KEY UPDATE task_key = task_key";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReadLeasesAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> keys, Dictionary<string, (string, long)> leases, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        command.CommandText = $"SELECT task_key, owner, expires FROM leases WHERE task_key IN ({KeyList.Add(command, keys)}) FOR UPDATE";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }
    }

    private static async Task ReadSuccessesAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> keys, LeaseRequest request, HashSet<string> succeeded,
        CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        command.CommandText = $"""
            SELECT DISTINCT task_key FROM attempts
            WHERE task_key IN ({KeyList.Add(command, keys)}) AND status = 'succeeded' AND finished > @succeeded_after AND run_id <> @run_id
            """;
        command.Parameters.AddWithValue("@succeeded_after", StoredValue.Time(request.SucceededAfter));
        command.Parameters.AddWithValue("@run_id", request.RunId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            succeeded.Add(reader.GetString(0));
        }
    }

    private static async Task TakeAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> keys, LeaseRequest request, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        command.CommandText = $"UPDATE leases SET owner = @owner, expires = @expires WHERE task_key IN ({KeyList.Add(command, keys)})";
        command.Parameters.AddWithValue("@owner", request.Owner);
        command.Parameters.AddWithValue("@expires", StoredValue.Time(request.Expires));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DeletePlaceholdersAsync(
        MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        command.CommandText = $"DELETE FROM leases WHERE task_key IN ({KeyList.Add(command, keys)}) AND owner = ''";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
