using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The <c>leases</c> table: who holds each task, and until when. Acquiring is <see cref="LeaseAcquisition"/>.</summary>
internal static class LeaseTable
{
    private const string Delete = "DELETE FROM leases WHERE task_key = $task_key AND owner = $owner;";

    /// <summary>Moves the expiry of every lease of <paramref name="owner"/> to <paramref name="expires"/>, in one statement.</summary>
    public static async Task RenewAsync(SqliteConnection connection, string owner, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE leases SET expires = $expires WHERE owner = $owner;";
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$expires", StoredValue.Time(expires));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the leases of <paramref name="owner"/> on <paramref name="taskKeys"/> inside <paramref name="transaction"/>.</summary>
    public static async Task ReleaseAsync(
        SqliteTransaction transaction, string owner, IReadOnlyList<string> taskKeys, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Delete;
        var key = command.Parameters.Add("$task_key", SqliteType.Text);
        command.Parameters.AddWithValue("$owner", owner);
        command.Prepare();
        foreach (var taskKey in taskKeys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            key.Value = taskKey;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Every lease, expired or not.</summary>
    public static async Task<IReadOnlyList<LeaseRecord>> SelectAllAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_key, owner, expires FROM leases;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new List<LeaseRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases.Add(new LeaseRecord(reader.GetString(0), reader.GetString(1), StoredValue.ReadTime(reader.GetInt64(2))));
        }
        return leases;
    }

    /// <summary>Deletes the lease on <paramref name="taskKey"/> if <paramref name="owner"/> still holds it.</summary>
    public static async Task BreakAsync(SqliteConnection connection, string taskKey, string owner, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Delete;
        command.Parameters.AddWithValue("$task_key", taskKey);
        command.Parameters.AddWithValue("$owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
