using System.Data.Common;

namespace Loader.State.MySql;

/// <summary>
/// Prunes the history in the MySQL database, each batch one READ COMMITTED transaction. InnoDB reuses the freed space for
/// new rows, so the tables are not rebuilt.
/// </summary>
internal sealed class MySqlHistoryPruner(MySqlDatabase database) : HistoryPruner
{
    /// <inheritdoc />
    protected override Task<T> InTransactionAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.InTransactionAsync((_, transaction, _) => work(transaction), cancellationToken);
}
