using System.Globalization;
using System.Text.RegularExpressions;
using Loader.Configuration;
using Loader.MySql.Connections;
using Loader.MySql.Tables;
using Loader.MySql.Writing;
using Loader.Steps;
using MySqlConnector;

namespace Loader.MySql;

/// <summary>
/// Runs SQL that fills the table the task's marker names (an aggregate <c>INSERT ... SELECT</c>, say), in one
/// transaction with the overwrite's deletes and the marker row. The connection's credentials are read with
/// <paramref name="files"/> (default: local files only).
/// </summary>
public sealed partial class MySqlQueryStep(FileSources? files = null) : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "mysql.query",
        "Runs SQL that fills the MySQL table its marker output names, in one transaction with the marker.",
        [
            new StepInput("sql", "string", true, null, "The statements, separated by ';'. No DDL: CREATE, ALTER, DROP, TRUNCATE and RENAME would commit the transaction."),
            new StepInput("columns", "columns", false, null, "Columns and SQL types of the table, to create it when missing."),
            new StepInput("keys", "list", false, null, "Key clauses for a new table, such as PRIMARY KEY (course_id, date)."),
            new StepInput("indexes", "list", false, null, "Indexes for a new table, each a comma-separated list of columns."),
            new StepInput("overwrite", "bool", false, "false", "Replace the task's own rows first: the whole table and its markers, or only the rows of 'partition' and this task's marker."),
            new StepInput("partition", "string", false, null, "With overwrite: the SQL condition selecting the rows this task owns, such as date = '${date}'."),
            new StepInput("allow_empty", "bool", false, "false", "Allow an overwrite whose SQL affects no row (otherwise refused, keeping the old rows)."),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var target = await MarkedTable.OfAsync(context, Descriptor.Name, files, cancellationToken);
        var sql = context.RequiredText("sql");
        if (Committing().Match(sql) is { Success: true } statement)
        {
            throw new StepInputException(
                $"mysql.query: '{statement.Groups[1].Value.Trim()}' would commit the transaction, so the rows and the marker could part: declare the table under 'columns' instead");
        }
        var table = TableSpec.From(context);
        var overwrite = Overwrite.From(context);
        context.Log.Line($"running SQL on {target}, {overwrite}");

        var started = context.Clock.GetTimestamp();
        (long Affected, long Deleted) done;
        try
        {
            done = await WriteRetry.RunAsync(context.Log, token => QueryAsync(target, table, overwrite, sql, token), cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            throw new OperationCanceledException("mysql.query was cancelled; its transaction was rolled back", e, cancellationToken);
        }
        catch (MySqlException e)
        {
            throw new StepFailedException($"mysql.query on {target.Address.TargetTable} failed, so nothing was changed: {e.Message}", e);
        }

        context.Log.Line(string.Format(CultureInfo.InvariantCulture,
            "the SQL affected {0:N0} rows of {1} in {2:F2}s; {3:N0} old rows replaced; marker {4} written",
            done.Affected, target.Address.TargetTable, context.Clock.GetElapsedTime(started).TotalSeconds, done.Deleted, target.UpdateId));
        context.Counts["rows"] = done.Affected;
        context.Counts["rows_deleted"] = done.Deleted;
    }

    private static async ValueTask<(long Affected, long Deleted)> QueryAsync(
        MarkedTable target, TableSpec? table, Overwrite overwrite, string sql, CancellationToken cancellationToken)
    {
        await using var write = await MarkedWrite.BeginAsync(target, table, overwrite, cancellationToken);
        var affected = await Database.ExecuteAsync(write.Connection, write.Transaction, sql, cancellationToken);
        await StatementWarnings.ThrowIfAnyAsync(write, "the SQL", cancellationToken);
        if (affected == 0 && overwrite.RefusesEmpty)
        {
            throw new StepInputException(
                $"the SQL affected no row: an overwrite would leave {target.Address.TargetTable} without the rows it replaces, so nothing was changed (allow_empty: true allows it)");
        }
        await write.CommitAsync(cancellationToken);
        return (affected, write.RowsDeleted);
    }

    // Statements that end a transaction in MySQL, at the start of the text or after a ';'.
    [GeneratedRegex(@"(?:^|;)\s*((?:CREATE|ALTER|DROP|TRUNCATE|RENAME|GRANT|REVOKE|LOCK|UNLOCK|COMMIT|ROLLBACK|BEGIN|START\s+TRANSACTION|SET\s+autocommit)\b[^;]{0,40})",
        RegexOptions.IgnoreCase)]
    private static partial Regex Committing();
}
