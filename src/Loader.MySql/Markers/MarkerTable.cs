using Loader.MySql.Connections;
using MySqlConnector;

namespace Loader.MySql.Markers;

/// <summary>
/// Luigi's marker table (<c>table_updates</c>), one per database: a row per task whose data is in, keyed by the
/// task's key (<c>update_id</c>), naming the table it filled (<c>target_table</c>, indexed).
/// </summary>
internal static class MarkerTable
{
    /// <summary>The DDL, as Luigi's, plus the index on <c>target_table</c> that overwrites delete by.</summary>
    public static string CreateSql(string database, string markerTable) => $"""
        CREATE TABLE IF NOT EXISTS {SqlName.Qualified(database, markerTable)} (
            id BIGINT NOT NULL AUTO_INCREMENT,
            update_id VARCHAR(128) NOT NULL,
            target_table VARCHAR(128),
            inserted TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (update_id),
            KEY id (id),
            KEY target_table (target_table)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    /// <summary>
    /// Which of <paramref name="updateIds"/> have a marker row in <paramref name="database"/>, with the table each
    /// names; none when the database or its marker table does not exist yet. One query, on the primary key.
    /// </summary>
    public static async Task<HashSet<(string UpdateId, string TargetTable)>> FindAsync(
        MySqlConnection connection, string database, string markerTable, IReadOnlyList<string> updateIds, CancellationToken cancellationToken)
    {
        var found = new HashSet<(string, string)>();
        if (updateIds.Count == 0)
        {
            return found;
        }
        await using var command = connection.CreateCommand();
        var names = new string[updateIds.Count];
        for (var i = 0; i < updateIds.Count; i++)
        {
            names[i] = $"@u{i}";
            command.Parameters.AddWithValue(names[i], updateIds[i]);
        }
        command.CommandText = $"SELECT update_id, target_table FROM {SqlName.Qualified(database, markerTable)} WHERE update_id IN ({string.Join(',', names)})";
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
            }
        }
        catch (MySqlException e) when (IsMissing(e))
        {
        }
        return found;
    }

    /// <summary>Whether the marker of <paramref name="updateId"/> for <paramref name="targetTable"/> is there.</summary>
    public static async Task<bool> ExistsAsync(
        MySqlConnection connection, string database, string markerTable, string updateId, string targetTable, CancellationToken cancellationToken) =>
        (await FindAsync(connection, database, markerTable, [updateId], cancellationToken)).Contains((updateId, targetTable));

    /// <summary>Deletes the marker of <paramref name="updateId"/> for <paramref name="targetTable"/> inside <paramref name="transaction"/>.</summary>
    public static async Task<int> DeleteAsync(
        MySqlConnection connection, MySqlTransaction transaction, string database, string markerTable, string updateId, string targetTable,
        CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"DELETE FROM {SqlName.Qualified(database, markerTable)} WHERE update_id = @update_id AND target_table = @target_table", connection, transaction);
        command.Parameters.AddWithValue("@update_id", updateId);
        command.Parameters.AddWithValue("@target_table", targetTable);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes every marker of <paramref name="targetTable"/>: the table is being replaced whole.</summary>
    public static async Task<int> DeleteAllOfTableAsync(
        MySqlConnection connection, MySqlTransaction transaction, string database, string markerTable, string targetTable, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"DELETE FROM {SqlName.Qualified(database, markerTable)} WHERE target_table = @target_table", connection, transaction);
        command.Parameters.AddWithValue("@target_table", targetTable);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts the marker of <paramref name="updateId"/> inside <paramref name="transaction"/>, to commit with the data.</summary>
    public static async Task InsertAsync(
        MySqlConnection connection, MySqlTransaction transaction, string database, string markerTable, string updateId, string targetTable,
        CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"INSERT INTO {SqlName.Qualified(database, markerTable)} (update_id, target_table) VALUES (@update_id, @target_table)", connection, transaction);
        command.Parameters.AddWithValue("@update_id", updateId);
        command.Parameters.AddWithValue("@target_table", targetTable);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="e"/> says the database or the marker table does not exist yet.</summary>
    public static bool IsMissing(MySqlException e) => e.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase;
}
