using System.Data;
using Loader.MySql.Connections;
using Loader.MySql.Markers;
using Loader.MySql.Tables;
using Loader.Steps;
using MySqlConnector;

namespace Loader.MySql.Writing;

/// <summary>
/// One transaction that changes a task's table and records the task's marker with it, as the edX pipeline loads its
/// result store: the overwrite's deletes, the new rows and the marker commit together or not at all, so a failure
/// or a killed process at any point leaves the table and its markers exactly as they were.
/// </summary>
internal sealed class MarkedWrite : IAsyncDisposable
{
    // A bad value fails the statement instead of being stored as 0 or a truncated text.
    private const string SessionSettings = """
        SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
        SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED
        """;

    private readonly MarkedTable _target;
    private bool _committed;

    private MarkedWrite(MarkedTable target, MySqlConnection connection, MySqlTransaction transaction)
    {
        _target = target;
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The connection the transaction runs on.</summary>
    public MySqlConnection Connection { get; }

    /// <summary>The transaction every statement of the write must join.</summary>
    public MySqlTransaction Transaction { get; }

    /// <summary>The rows the overwrite deleted.</summary>
    public long RowsDeleted { get; private set; }

    /// <summary>
    /// Creates the database, the table (from <paramref name="table"/>, when given) and the marker table when missing,
    /// then begins the transaction and deletes what <paramref name="overwrite"/> replaces.
    /// </summary>
    public static async Task<MarkedWrite> BeginAsync(MarkedTable target, TableSpec? table, Overwrite overwrite, CancellationToken cancellationToken)
    {
        var address = target.Address;
        var connection = await Database.OpenAsync(target.Settings, cancellationToken);
        MarkedWrite? write = null;
        try
        {
            // DDL commits whatever transaction is open in MySQL, so it all runs before the transaction starts.
            await Database.ExecuteAsync(connection, null, $"CREATE DATABASE IF NOT EXISTS {SqlName.Quote(address.Database, "database")}", cancellationToken);
            if (table is not null)
            {
                await Database.ExecuteAsync(connection, null, table.CreateSql(address.QuotedTable), cancellationToken);
            }
            await Database.ExecuteAsync(connection, null, MarkerTable.CreateSql(address.Database, target.Settings.MarkerTable), cancellationToken);
            await Database.ExecuteAsync(connection, null, SessionSettings, cancellationToken);
            if (overwrite.Scope == OverwriteScope.Nothing
                && await MarkerTable.ExistsAsync(connection, address.Database, target.Settings.MarkerTable, target.UpdateId, address.TargetTable, cancellationToken))
            {
                throw new StepInputException(
                    $"{address.Database}.{target.Settings.MarkerTable} already has the marker of this task (update_id {target.UpdateId}), so its rows are in "
                    + $"{address.TargetTable}: adding them again would count them twice, so nothing was changed. To replace them when the task is "
                    + "overwritten (--force, overwrite_n_days), set overwrite: true, with partition: selecting the task's own rows");
            }
            // READ COMMITTED takes no gap locks: loads of other partitions and tables do not wait on this one's deletes.
            write = new MarkedWrite(target, connection, await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken));
            await write.DeleteAsync(overwrite, cancellationToken);
            return write;
        }
        catch
        {
            if (write is not null)
            {
                await write.DisposeAsync();
            }
            else
            {
                await connection.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>Inserts the task's marker and commits: the data and the marker become visible together.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var address = _target.Address;
        try
        {
            await MarkerTable.InsertAsync(
                Connection, Transaction, address.Database, _target.Settings.MarkerTable, _target.UpdateId, address.TargetTable, cancellationToken);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            throw new StepInputException(
                $"{address.Database}.{_target.Settings.MarkerTable} already has the marker of this task (update_id {_target.UpdateId}): "
                + "another run loaded it while this one ran, so nothing was changed; use overwrite: true to replace rows", e);
        }
        await Transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    /// <summary>Rolls back unless committed, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                await Transaction.RollbackAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException)
        {
            // The connection is gone: the server rolls back a transaction whose connection ends.
        }
        finally
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private async Task DeleteAsync(Overwrite overwrite, CancellationToken cancellationToken)
    {
        var address = _target.Address;
        var markerTable = _target.Settings.MarkerTable;
        switch (overwrite.Scope)
        {
            case OverwriteScope.Table:
                // Markers first, as the pipeline did; DELETE, not TRUNCATE, which would commit.
                await MarkerTable.DeleteAllOfTableAsync(Connection, Transaction, address.Database, markerTable, address.TargetTable, cancellationToken);
                RowsDeleted = await Database.ExecuteAsync(Connection, Transaction, $"DELETE FROM {address.QuotedTable}", cancellationToken);
                break;
            case OverwriteScope.Partition:
                await MarkerTable.DeleteAsync(Connection, Transaction, address.Database, markerTable, _target.UpdateId, address.TargetTable, cancellationToken);
                RowsDeleted = await Database.ExecuteAsync(Connection, Transaction, $"DELETE FROM {address.QuotedTable} WHERE {overwrite.Filter}", cancellationToken);
                break;
        }
    }
}
