using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>The <c>checkpoints</c> table: one value per key, stamped when written.</summary>
internal static class CheckpointTable
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public static async Task<string?> SelectAsync(MySqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT value FROM checkpoints WHERE `key` = @key", connection);
        command.Parameters.AddWithValue("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, or removes the key when it is null.</summary>
    public static async Task WriteAsync(MySqlConnection connection, string key, string? value, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection };
        command.Parameters.AddWithValue("@key", key);
        if (value is null)
        {
            command.CommandText = "DELETE FROM checkpoints WHERE `key` = @key";
        }
        else
        {
            command.CommandText = """
                INSERT INTO checkpoints (`key`, value, updated) VALUES (@key, @value, @updated)
                ON DUPLICATE KEY UPDATE value = VALUES(value), updated = VALUES(updated)
                """;
            command.Parameters.AddWithValue("@value", value);
            command.Parameters.AddWithValue("@updated", StoredValue.Time(updated));
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
