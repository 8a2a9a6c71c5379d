using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The <c>checkpoints</c> table: one value per key, stamped when written.</summary>
internal static class CheckpointTable
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public static async Task<string?> SelectAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM checkpoints WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, or removes the key when it is null.</summary>
    public static async Task WriteAsync(
        SqliteConnection connection, string key, string? value, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$key", key);
        if (value is null)
        {
            command.CommandText = "DELETE FROM checkpoints WHERE key = $key;";
        }
        else
        {
            command.CommandText = """
                INSERT INTO checkpoints (key, value, updated) VALUES ($key, $value, $updated)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated;
                """;
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$updated", StoredValue.Time(updated));
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
