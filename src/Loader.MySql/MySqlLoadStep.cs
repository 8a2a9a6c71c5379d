using System.Globalization;
using Loader.Configuration;
using Loader.MySql.Loading;
using Loader.MySql.Tables;
using Loader.MySql.Writing;
using Loader.Steps;
using MySqlConnector;

namespace Loader.MySql;

/// <summary>
/// Loads TSV or CSV files into the MySQL table the task's marker names, in one transaction with the marker: creates
/// the database and table when missing, deletes what <c>overwrite</c> replaces, bulk-loads the rows and inserts the
/// marker row; any failure rolls everything back. Sources that are URLs (<c>s3://bucket/key.tsv</c>) are read with
/// <paramref name="files"/> (default: local files only) into temporary files beside the task's log, deleted afterwards;
/// the connection's credentials are read with it too.
/// </summary>
public sealed class MySqlLoadStep(FileSources? files = null) : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "mysql.load",
        "Loads a TSV or CSV file into the MySQL table its marker output names, rows and marker in one transaction.",
        [
            new StepInput("source", "string", true, null, "The file to load, a local path or a URL such as s3://bucket/key.tsv (a list loads several, in one transaction)."),
            new StepInput("columns", "columns", true, null, "The fields of each line, in order, as column names and SQL types: {course_id: VARCHAR(255) NOT NULL, count: INT}."),
            new StepInput("keys", "list", false, null, "Key clauses for a new table, such as PRIMARY KEY (course_id, date)."),
            new StepInput("indexes", "list", false, null, "Indexes for a new table, each a comma-separated list of columns."),
            new StepInput("format", "string", false, null, "tsv or csv (default: csv for .csv files, else tsv)."),
            new StepInput("header", "bool", false, "false", "The file's first line names the fields: skip it."),
            new StepInput("null_values", "list", false, "\\N", "Field texts that mean NULL, such as ['\\N', None]. In TSV, \\N is always NULL."),
            new StepInput("empty_as_null", "bool", false, "false", "An empty field means NULL."),
            new StepInput("overwrite", "bool", false, "false", "Replace the task's own rows: the whole table and its markers, or only the rows of 'partition' and this task's marker."),
            new StepInput("partition", "string", false, null, "With overwrite: the SQL condition selecting the rows this task owns, such as date = '${date}'."),
            new StepInput("allow_empty", "bool", false, "false", "Allow an overwrite that loads no row (otherwise refused, keeping the old rows)."),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var target = await MarkedTable.OfAsync(context, Descriptor.Name, files, cancellationToken);
        var table = TableSpec.From(context) ?? throw new StepInputException("input 'columns' is required: the fields of each line, in order, with their SQL types");
        var settings = LoadSettings.From(context);
        var overwrite = Overwrite.From(context);
        context.Log.Line($"loading {string.Join(", ", settings.Sources)} ({settings.Format}) into {target}, {overwrite}");

        var downloads = new List<string>();
        (long Rows, long Deleted) done;
        var started = context.Clock.GetTimestamp();
        try
        {
            var local = await DownloadAsync(context, settings.Sources, downloads, cancellationToken);
            started = context.Clock.GetTimestamp();
            done = await WriteRetry.RunAsync(context.Log, token => LoadAsync(context, target, table, settings, local, overwrite, token), cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            // The driver reports a load stopped by cancellation as its own error; the attempt was cancelled all the same.
            throw new OperationCanceledException("mysql.load was cancelled; its transaction was rolled back", e, cancellationToken);
        }
        catch (MySqlException e)
        {
            throw new StepFailedException($"mysql.load into {target.Address.TargetTable} failed, so nothing was changed: {e.Message}", e);
        }
        finally
        {
            foreach (var download in downloads)
            {
                File.Delete(download);
            }
        }

        var seconds = context.Clock.GetElapsedTime(started).TotalSeconds;
        context.Log.Line(string.Format(CultureInfo.InvariantCulture,
            "loaded {0:N0} rows into {1} in {2:F2}s ({3:N0} rows/s); {4:N0} old rows replaced; marker {5} written",
            done.Rows, target.Address.TargetTable, seconds, seconds > 0 ? done.Rows / seconds : 0, done.Deleted, target.UpdateId));
        context.Counts["rows"] = done.Rows;
        context.Counts["rows_deleted"] = done.Deleted;
    }

    /// <summary>
    /// The local file of each source: local sources as they are, the others downloaded beside the task's log
    /// (their paths added to <paramref name="downloads"/>, for deletion).
    /// </summary>
    private async Task<IReadOnlyList<string>> DownloadAsync(
        StepContext context, IReadOnlyList<string> sources, List<string> downloads, CancellationToken cancellationToken)
    {
        var local = new List<string>();
        foreach (var source in sources)
        {
            if (FileSources.IsLocal(source))
            {
                local.Add(source);
                continue;
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(context.Log.Path))!;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(context.Log.Path)}.source-{downloads.Count + 1}{Path.GetExtension(source)}.download");
            downloads.Add(path);
            context.Log.Line($"downloading {source} to {path}");
            try
            {
                await (files ?? FileSources.Local()).DownloadAsync(source, path, cancellationToken);
            }
            catch (ConfigurationException e)
            {
                // No source for the scheme, a bad URL or a missing bucket: another attempt cannot help.
                throw new StepInputException($"mysql.load cannot read its source {source}, so nothing was changed: {e.Message}", e);
            }
            catch (Exception e) when (e is not OperationCanceledException and not StepFailedException)
            {
                throw new StepFailedException($"mysql.load cannot read its source {source}, so nothing was changed: {e.Message}", e);
            }
            local.Add(path);
        }
        return local;
    }

    private static async ValueTask<(long Rows, long Deleted)> LoadAsync(
        StepContext context, MarkedTable target, TableSpec table, LoadSettings settings, IReadOnlyList<string> paths, Overwrite overwrite, CancellationToken cancellationToken)
    {
        await using var write = await MarkedWrite.BeginAsync(target, table, overwrite, cancellationToken);
        long rows = 0;
        foreach (var path in paths)
        {
            await using var source = new ProgressStream(File.OpenRead(path), Path.GetFileName(path), context.Clock, context.Progress, cancellationToken);
            rows += await BulkLoad.RunAsync(write, target.Address.QuotedTable, table, settings, path, source, cancellationToken);
            await StatementWarnings.ThrowIfAnyAsync(write, path, cancellationToken);
        }
        if (rows == 0 && overwrite.RefusesEmpty)
        {
            throw new StepInputException(
                $"{string.Join(", ", settings.Sources)} holds no row: an overwrite would leave {target.Address.TargetTable} without the rows it replaces, so nothing was changed (allow_empty: true allows it)");
        }
        await write.CommitAsync(cancellationToken);
        return (rows, write.RowsDeleted);
    }
}
