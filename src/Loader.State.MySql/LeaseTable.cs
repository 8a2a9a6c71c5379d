using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>The <c>leases</c> table: who holds each task, and until when. Acquiring is <see cref="LeaseAcquisition"/>.</summary>
internal static class LeaseTable
{
    /// <summary>Moves the expiry of every lease of <paramref name="owner"/> to <paramref name="expires"/>, in one statement.</summary>
    public static async Task RenewAsync(MySqlConnection connection, string owner, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("UPDATE leases SET expires = @expires WHERE owner = @owner", connection);
        command.Parameters.AddWithValue("@owner", owner);
        command.Parameters.AddWithValue("@expires", StoredValue.Time(expires));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the leases of <paramref name="owner"/> on <paramref name="taskKeys"/> inside <paramref name="transaction"/>.</summary>
    public static async Task<int> ReleaseAsync(
        MySqlConnection connection, MySqlTransaction transaction, string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var chunk in taskKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(KeyList.Chunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            command.CommandText = $"DELETE FROM leases WHERE task_key IN ({KeyList.Add(command, chunk)}) AND owner = @owner";
            command.Parameters.AddWithValue("@owner", owner);
            released += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return released;
    }

    /// <summary>Every lease, expired or not.</summary>
    public static async Task<IReadOnlyList<LeaseRecord>> SelectAllAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT task_key, owner, expires FROM leases", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new List<LeaseRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases.Add(new LeaseRecord(reader.GetString(0), reader.GetString(1), StoredValue.ReadTime(reader.GetInt64(2))));
        }
        return leases;
    }

    /// <summary>Deletes the lease on <paramref name="taskKey"/> if <paramref name="owner"/> still holds it.</summary>
    public static async Task BreakAsync(MySqlConnection connection, string taskKey, string owner, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("DELETE FROM leases WHERE task_key = @task_key AND owner = @owner", connection);
        command.Parameters.AddWithValue("@task_key", taskKey);
        command.Parameters.AddWithValue("@owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
