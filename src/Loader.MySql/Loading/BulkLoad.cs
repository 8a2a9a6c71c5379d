using System.Globalization;
using CsvHelper;
using Loader.MySql.Tables;
using Loader.MySql.Writing;
using Loader.Steps;
using MySqlConnector;

namespace Loader.MySql.Loading;

/// <summary>Sends one source file to the server inside a <see cref="MarkedWrite"/>: TSV as it is (<c>LOAD DATA LOCAL</c>), CSV parsed first.</summary>
internal static class BulkLoad
{
    /// <summary>Loads <paramref name="source"/> (the file at <paramref name="path"/>) into <paramref name="quotedTable"/>; returns the rows inserted.</summary>
    public static Task<long> RunAsync(
        MarkedWrite write, string quotedTable, TableSpec table, LoadSettings settings, string path, Stream source, CancellationToken cancellationToken) =>
        settings.Format == SourceFormat.Tsv
            ? TsvAsync(write, quotedTable, table, settings, path, source, cancellationToken)
            : CsvAsync(write, quotedTable, table, settings, source, cancellationToken);

    /// <summary>
    /// The file goes to the server unchanged, through <c>LOAD DATA LOCAL INFILE</c>: the server parses it, as the
    /// <c>mysql</c> client's own load does, so nothing here touches each row.
    /// </summary>
    private static async Task<long> TsvAsync(
        MarkedWrite write, string quotedTable, TableSpec table, LoadSettings settings, string path, Stream source, CancellationToken cancellationToken)
    {
        var mapping = FieldMapping.For(table, settings);
        var loader = new MySqlBulkLoader(write.Connection)
        {
            TableName = quotedTable,
            SourceStream = source,
            Local = true,
            CharacterSet = "utf8mb4",
            FieldTerminator = "\t",
            EscapeCharacter = '\\',
            LineTerminator = LineEnding.Of(path),
            NumberOfLinesToSkip = settings.Header ? 1 : 0,
            Timeout = 0,
        };
        loader.Columns.AddRange(mapping.Columns);
        loader.Expressions.AddRange(mapping.Expressions);
        return await loader.LoadAsync(cancellationToken);
    }

    /// <summary>
    /// CSV quoting is parsed here (CsvHelper), NULL texts become NULLs, and the fields go on as the bulk copy's own
    /// TSV, through the same <c>LOAD DATA LOCAL INFILE</c>.
    /// </summary>
    private static async Task<long> CsvAsync(
        MarkedWrite write, string quotedTable, TableSpec table, LoadSettings settings, Stream source, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = settings.Header,
            NullValues = settings.NullTexts.Concat(settings.EmptyAsNull ? [""] : []).Distinct(StringComparer.Ordinal).ToList(),
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var rows = new CsvDataReader(CsvReader.Create(source, options, leaveOpen: true), leaveOpen: false);
        if (rows.FieldCount != table.Columns.Count)
        {
            throw new StepInputException($"the CSV has {rows.FieldCount} fields per line but {table.Columns.Count} columns are declared");
        }
        var copy = new MySqlBulkCopy(write.Connection, write.Transaction) { DestinationTableName = quotedTable, BulkCopyTimeout = 0 };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            copy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, table.Columns[i].Name));
        }
        try
        {
            return (await copy.WriteToServerAsync(rows, cancellationToken)).RowsInserted;
        }
        catch (CsvFormatException e)
        {
            throw new StepInputException($"the CSV cannot be read: {e.Message}", e);
        }
    }
}
