using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>The tables of the state store, created when missing.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The DDL. Times are unix milliseconds (UTC) so comparisons are exact, and a fire's time is one key whatever offset
    /// it was given in; statuses are lowercase text. Every statement is <c>IF NOT EXISTS</c>, so a file made before a
    /// table was added gains it on the next <see cref="CreateAsync"/>.
    /// </summary>
    internal const string Tables = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workflow TEXT NOT NULL,
            parameters TEXT NOT NULL,
            runner TEXT NOT NULL,
            status TEXT NOT NULL,
            started INTEGER NOT NULL,
            finished INTEGER,
            summary TEXT
        );
        CREATE INDEX IF NOT EXISTS runs_by_workflow ON runs (workflow, id);

        CREATE TABLE IF NOT EXISTS attempts (
            run_id INTEGER NOT NULL,
            task_key TEXT NOT NULL,
            task TEXT NOT NULL,
            family TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            status TEXT NOT NULL,
            started INTEGER NOT NULL,
            finished INTEGER,
            error TEXT,
            log_path TEXT,
            PRIMARY KEY (run_id, task_key, attempt)
        );
        CREATE INDEX IF NOT EXISTS attempts_by_task_outcome ON attempts (task_key, status, finished);
        CREATE INDEX IF NOT EXISTS attempts_by_run ON attempts (run_id);
        CREATE INDEX IF NOT EXISTS attempts_by_task_status_run ON attempts (task_key, status, run_id, attempt);

        CREATE TABLE IF NOT EXISTS leases (
            task_key TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS leases_by_owner ON leases (owner);

        CREATE TABLE IF NOT EXISTS cancel_requests (
            run_id INTEGER PRIMARY KEY,
            requested_by TEXT NOT NULL,
            requested INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS checkpoints (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS fires (
            schedule TEXT NOT NULL,
            fire_time INTEGER NOT NULL,
            owner TEXT NOT NULL,
            status TEXT NOT NULL,
            run_id INTEGER,
            recorded INTEGER NOT NULL,
            heartbeat INTEGER NOT NULL,
            finished INTEGER,
            note TEXT,
            PRIMARY KEY (schedule, fire_time)
        );
        CREATE INDEX IF NOT EXISTS fires_by_time ON fires (fire_time);
        CREATE INDEX IF NOT EXISTS fires_by_status ON fires (status, fire_time);
        CREATE INDEX IF NOT EXISTS fires_by_run ON fires (run_id);
        """;

    /// <summary>Switches the file to WAL and creates the tables; safe while another process does the same.</summary>
    public static async Task CreateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file, kept once set; it cannot be changed inside a transaction.
        await using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Tables;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
