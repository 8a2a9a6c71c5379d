using MySqlConnector;

namespace Loader.State.MySql;

/// <summary>The tables of the state store, created when missing: the SQLite store's tables, in InnoDB.</summary>
internal static class MySqlSchema
{
    /// <summary>
    /// The DDL. Times are unix milliseconds (UTC) so comparisons are exact, and a fire's time is one key whatever offset
    /// it was given in; statuses are lowercase text. Binary collation compares keys and owners byte for byte, as SQLite
    /// does. Every statement is <c>IF NOT EXISTS</c>, so a database made before a table was added gains it on the next
    /// <see cref="CreateAsync"/>.
    /// </summary>
    internal const string Tables = """
        CREATE TABLE IF NOT EXISTS runs (
            id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            workflow VARCHAR(255) NOT NULL,
            parameters MEDIUMTEXT NOT NULL,
            runner VARCHAR(255) NOT NULL,
            status VARCHAR(16) NOT NULL,
            started BIGINT NOT NULL,
            finished BIGINT NULL,
            summary MEDIUMTEXT NULL,
            KEY runs_by_workflow (workflow, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

        CREATE TABLE IF NOT EXISTS attempts (
            run_id BIGINT NOT NULL,
            task_key VARCHAR(255) NOT NULL,
            task TEXT NOT NULL,
            family VARCHAR(255) NOT NULL,
            attempt INT NOT NULL,
            status VARCHAR(16) NOT NULL,
            started BIGINT NOT NULL,
            finished BIGINT NULL,
            error MEDIUMTEXT NULL,
            log_path TEXT NULL,
            PRIMARY KEY (run_id, task_key, attempt),
            KEY attempts_by_task_outcome (task_key, status, finished)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

        CREATE TABLE IF NOT EXISTS leases (
            task_key VARCHAR(255) NOT NULL PRIMARY KEY,
            owner VARCHAR(255) NOT NULL,
            expires BIGINT NOT NULL,
            KEY leases_by_owner (owner)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

        CREATE TABLE IF NOT EXISTS cancel_requests (
            run_id BIGINT NOT NULL PRIMARY KEY,
            requested_by VARCHAR(512) NOT NULL,
            requested BIGINT NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

        CREATE TABLE IF NOT EXISTS checkpoints (
            `key` VARCHAR(512) NOT NULL PRIMARY KEY,
            value MEDIUMTEXT NOT NULL,
            updated BIGINT NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

        CREATE TABLE IF NOT EXISTS fires (
            schedule VARCHAR(255) NOT NULL,
            fire_time BIGINT NOT NULL,
            owner VARCHAR(255) NOT NULL,
            status VARCHAR(16) NOT NULL,
            run_id BIGINT NULL,
            recorded BIGINT NOT NULL,
            heartbeat BIGINT NOT NULL,
            finished BIGINT NULL,
            note MEDIUMTEXT NULL,
            PRIMARY KEY (schedule, fire_time),
            KEY fires_by_time (fire_time),
            KEY fires_by_status (status, fire_time)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
        """;

    /// <summary>
    /// Indexes added after their tables were first made (MySQL has no <c>CREATE INDEX IF NOT EXISTS</c>): each is created
    /// when the database lacks it. They let a history prune seek a task instance's newer attempts and a run's fires.
    /// </summary>
    internal static readonly IReadOnlyList<(string Table, string Name, string Columns)> LaterIndexes =
    [
        ("attempts", "attempts_by_task_status_run", "task_key, status, run_id, attempt"),
        ("fires", "fires_by_run", "run_id"),
    ];

    /// <summary>Creates the database, the tables and their later indexes; safe while another process does the same.</summary>
    public static async Task CreateAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin; USE `{database}`; {Tables}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (table, name, columns) in LaterIndexes)
        {
            await AddIndexAsync(connection, table, name, columns, cancellationToken);
        }
    }

    private static async Task AddIndexAsync(MySqlConnection connection, string table, string name, string columns, CancellationToken cancellationToken)
    {
        await using var exists = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = @table AND index_name = @name", connection);
        exists.Parameters.AddWithValue("@table", table);
        exists.Parameters.AddWithValue("@name", name);
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }
        try
        {
            await using var create = new MySqlCommand($"CREATE INDEX {name} ON {table} ({columns})", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyName)
        {
            // Another process created it between the check and here.
        }
    }
}
