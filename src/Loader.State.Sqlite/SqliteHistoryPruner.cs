using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite;

/// <summary>
/// Prunes the history in the SQLite file, each batch under the write lock (<c>BEGIN IMMEDIATE</c>), then gives the space
/// back to the disk when much was removed: SQLite reuses freed pages for new rows, so only a large prune is worth
/// rewriting the file for.
/// </summary>
internal sealed class SqliteHistoryPruner(SqliteDatabase database) : HistoryPruner
{
    /// <summary>The share of the file's pages that must be free before it is rewritten (<c>VACUUM</c>).</summary>
    private const double CompactWhenFree = 0.25;

    /// <inheritdoc />
    protected override Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            var result = await work(transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Rewrites the file when at least a quarter of its pages are free, and returns the bytes that gave back, or null when it
    /// was not worth it. The rewrite holds the write lock while it lasts (seconds for a file of hundreds of megabytes).
    /// </summary>
    public Task<long?> CompactAsync(CancellationToken cancellationToken) =>
        database.RunAsync<long?>(async connection =>
        {
            var free = await ScalarAsync(connection, "PRAGMA freelist_count;", cancellationToken);
            var pages = await ScalarAsync(connection, "PRAGMA page_count;", cancellationToken);
            if (pages == 0 || free < pages * CompactWhenFree)
            {
                return null;
            }
            var size = new FileInfo(database.Path).Length;
            await ScalarAsync(connection, "VACUUM;", cancellationToken);
            // In WAL mode the rewritten pages reach the file, and it shrinks, at a checkpoint.
            await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            return size - new FileInfo(database.Path).Length;
        }, cancellationToken);

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : 0;
    }
}
