using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>Acquiring leases: decided key by key inside one write transaction, with two prepared statements.</summary>
internal static class LeaseAcquisition
{
    // One look-up answers both questions asked before leasing: done elsewhere, and held by someone else.
    private const string Check = """
        SELECT
            EXISTS (
                SELECT 1 FROM attempts
                WHERE task_key = $task_key AND status = 'succeeded' AND finished > $succeeded_after AND run_id <> $run_id),
            (SELECT owner FROM leases WHERE task_key = $task_key AND owner <> $owner AND expires > $now);
        """;

    private const string Take = """
        INSERT INTO leases (task_key, owner, expires) VALUES ($task_key, $owner, $expires)
        ON CONFLICT (task_key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires;
        """;

    /// <summary>
    /// Decides each key of <paramref name="taskKeys"/> for <paramref name="request"/> inside <paramref name="transaction"/>,
    /// which must hold the write lock so no other process decides in between.
    /// </summary>
    public static async Task<IReadOnlyList<LeaseResult>> AcquireAsync(
        SqliteTransaction transaction, IReadOnlyList<string> taskKeys, LeaseRequest request, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = Check;
        var checkedKey = check.Parameters.Add("$task_key", SqliteType.Text);
        check.Parameters.AddWithValue("$succeeded_after", StoredValue.Time(request.SucceededAfter));
        check.Parameters.AddWithValue("$run_id", request.RunId);
        check.Parameters.AddWithValue("$owner", request.Owner);
        check.Parameters.AddWithValue("$now", StoredValue.Time(request.Now));
        check.Prepare();

        await using var take = connection.CreateCommand();
        take.Transaction = transaction;
        take.CommandText = Take;
        var takenKey = take.Parameters.Add("$task_key", SqliteType.Text);
        take.Parameters.AddWithValue("$owner", request.Owner);
        take.Parameters.AddWithValue("$expires", StoredValue.Time(request.Expires));
        take.Prepare();

        var results = new List<LeaseResult>(taskKeys.Count);
        foreach (var key in taskKeys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            checkedKey.Value = key;
            bool succeededElsewhere;
            string? holder;
            await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                succeededElsewhere = reader.GetInt64(0) != 0;
                holder = reader.IsDBNull(1) ? null : reader.GetString(1);
            }

            if (succeededElsewhere)
            {
                results.Add(new LeaseResult(key, LeaseOutcome.CompletedElsewhere));
            }
            else if (holder is not null)
            {
                results.Add(new LeaseResult(key, LeaseOutcome.Held, holder));
            }
            else
            {
                takenKey.Value = key;
                await take.ExecuteNonQueryAsync(cancellationToken);
                results.Add(new LeaseResult(key, LeaseOutcome.Acquired));
            }
        }
        return results;
    }
}
