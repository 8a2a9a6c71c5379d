using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>
/// The <c>fires</c> table: one row per fire of a schedule, keyed by schedule and fire time, so that a period is fired
/// once however many service processes share the file. Each write is one statement, decided under SQLite's write lock.
/// </summary>
internal static class FireTable
{
    private static readonly string Open = $"status IN ({StoredRows.OpenFireStatuses})";

    /// <summary>Inserts <paramref name="fire"/> unless its key is taken; true when inserted.</summary>
    public static async Task<bool> InsertAsync(SqliteConnection connection, FireRecord fire, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO fires ({StoredRows.FireColumns})
            VALUES ($schedule, $fire_time, $owner, $status, $run_id, $recorded, $heartbeat, $finished, $note)
            ON CONFLICT (schedule, fire_time) DO NOTHING;
            """;
        AddKey(command, fire.Schedule, fire.FireTime);
        command.Parameters.AddWithValue("$owner", fire.Owner);
        command.Parameters.AddWithValue("$status", StoredValue.Status(fire.Status));
        command.Parameters.AddWithValue("$run_id", (object?)fire.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$recorded", StoredValue.Time(fire.Recorded));
        command.Parameters.AddWithValue("$heartbeat", StoredValue.Time(fire.Heartbeat));
        command.Parameters.AddWithValue("$finished", StoredValue.Time(fire.Finished));
        command.Parameters.AddWithValue("$note", StoredValue.Text(fire.Note));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the unended fire to <paramref name="newOwner"/> if <paramref name="fromOwner"/> still holds it; true when it did.</summary>
    public static async Task<bool> TakeOverAsync(
        SqliteConnection connection, string schedule, DateTimeOffset fireTime, string fromOwner, string newOwner, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE fires SET owner = $new_owner, heartbeat = $now
            WHERE schedule = $schedule AND fire_time = $fire_time AND owner = $from_owner AND {Open};
            """;
        AddKey(command, schedule, fireTime);
        command.Parameters.AddWithValue("$from_owner", fromOwner);
        command.Parameters.AddWithValue("$new_owner", newOwner);
        command.Parameters.AddWithValue("$now", StoredValue.Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Sets a fire's status, run, end and note; false when there is no such fire.</summary>
    public static async Task<bool> UpdateAsync(
        SqliteConnection connection, string schedule, DateTimeOffset fireTime, FireStatus status, long? runId, DateTimeOffset? finished, string? note,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE fires SET status = $status, run_id = $run_id, finished = $finished, note = $note
            WHERE schedule = $schedule AND fire_time = $fire_time;
            """;
        AddKey(command, schedule, fireTime);
        command.Parameters.AddWithValue("$status", StoredValue.Status(status));
        command.Parameters.AddWithValue("$run_id", (object?)runId ?? DBNull.Value);
        command.Parameters.AddWithValue("$finished", StoredValue.Time(finished));
        command.Parameters.AddWithValue("$note", StoredValue.Text(note));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Sets the heartbeat of every unended fire of <paramref name="owner"/> to <paramref name="now"/>, in one statement.</summary>
    public static async Task RenewAsync(SqliteConnection connection, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE fires SET heartbeat = $now WHERE owner = $owner AND {Open};";
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", StoredValue.Time(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> fires, latest fire time first, of <paramref name="schedule"/> or of all.</summary>
    public static async Task<IReadOnlyList<FireRecord>> SelectNewestAsync(
        SqliteConnection connection, string? schedule, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = schedule is null
            ? $"SELECT {StoredRows.FireColumns} FROM fires ORDER BY fire_time DESC, schedule LIMIT $limit;"
            : $"SELECT {StoredRows.FireColumns} FROM fires WHERE schedule = $schedule ORDER BY fire_time DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        if (schedule is not null)
        {
            command.Parameters.AddWithValue("$schedule", schedule);
        }
        return await StoredRows.ReadFiresAsync(command, cancellationToken);
    }

    /// <summary>Every unended fire, earliest fire time first.</summary>
    public static async Task<IReadOnlyList<FireRecord>> SelectOpenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StoredRows.FireColumns} FROM fires WHERE {Open} ORDER BY fire_time, schedule;";
        return await StoredRows.ReadFiresAsync(command, cancellationToken);
    }

    private static void AddKey(SqliteCommand command, string schedule, DateTimeOffset fireTime)
    {
        command.Parameters.AddWithValue("$schedule", schedule);
        command.Parameters.AddWithValue("$fire_time", StoredValue.Time(fireTime));
    }
}
