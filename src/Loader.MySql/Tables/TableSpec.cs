using System.Globalization;
using Loader.MySql.Connections;
using Loader.Steps;

namespace Loader.MySql.Tables;

/// <summary>
/// A table as a task declares it: columns in file order, key clauses and indexes, used to create the table when it
/// is missing. An existing table is used as it is: its definition is not compared or changed.
/// </summary>
/// <param name="Columns">The columns, in the order of the source's fields.</param>
/// <param name="Keys">Key clauses as SQL: <c>PRIMARY KEY (id)</c>, <c>UNIQUE KEY by_day (course_id, date)</c>.</param>
/// <param name="Indexes">Indexes, each a list of column names.</param>
internal sealed record TableSpec(IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<string> Keys, IReadOnlyList<IReadOnlyList<string>> Indexes)
{
    /// <summary>
    /// Reads the <c>columns</c>, <c>keys</c> and <c>indexes</c> inputs; null when <c>columns</c> is not given.
    /// Columns are a mapping (<c>{id: INT NOT NULL, name: VARCHAR(64)}</c>, in the order written) or a list of
    /// <c>"name TYPE"</c> texts or one-entry mappings.
    /// </summary>
    public static TableSpec? From(StepContext context)
    {
        if (!context.Inputs.TryGetValue("columns", out var declared))
        {
            return null;
        }
        var columns = declared switch
        {
            IDictionary<string, object> map => map.Select(e => Column(e.Key, e.Value)).ToList(),
            IEnumerable<object> list => list.Select(ListedColumn).ToList(),
            _ => throw new StepInputException("input 'columns' must be a mapping of column names to SQL types, such as {id: INT NOT NULL, name: VARCHAR(64)}"),
        };
        if (columns.Count == 0)
        {
            throw new StepInputException("input 'columns' declares no column");
        }
        if (columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new StepInputException($"input 'columns' declares '{twice.Key}' twice");
        }
        var indexes = context.List("indexes")
            .Select(index => (IReadOnlyList<string>)index.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        foreach (var column in indexes.SelectMany(i => i).Where(c => !columns.Any(d => string.Equals(d.Name, c, StringComparison.OrdinalIgnoreCase))))
        {
            throw new StepInputException($"input 'indexes' names '{column}', which is not one of the declared columns");
        }
        return new TableSpec(columns, context.List("keys").Where(k => k.Length > 0).ToList(), indexes);
    }

    /// <summary>The quoted column names, in order.</summary>
    public IReadOnlyList<string> QuotedColumns => Columns.Select(c => SqlName.Quote(c.Name, "column")).ToList();

    /// <summary><c>CREATE TABLE IF NOT EXISTS</c> for <paramref name="quotedTable"/>: InnoDB, so that loads are transactions.</summary>
    public string CreateSql(string quotedTable)
    {
        var lines = Columns.Select(c => $"{SqlName.Quote(c.Name, "column")} {c.Type}")
            .Concat(Keys)
            .Concat(Indexes.Select(i => $"INDEX ({string.Join(", ", i.Select(c => SqlName.Quote(c, "column")))})"));
        return $"CREATE TABLE IF NOT EXISTS {quotedTable} (\n    {string.Join(",\n    ", lines)}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    private static ColumnSpec ListedColumn(object item) => item switch
    {
        IDictionary<string, object> { Count: 1 } entry => Column(entry.Keys.Single(), entry.Values.Single()),
        string text when text.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var name, var type] => Column(name, type),
        _ => throw new StepInputException($"input 'columns': '{item}' must be \"name TYPE\", such as \"course_id VARCHAR(255) NOT NULL\""),
    };

    private static ColumnSpec Column(string name, object? type)
    {
        if (!SqlName.IsPlain(name))
        {
            throw new StepInputException($"input 'columns': '{name}' is not a plain column name: use letters, digits, _ and $");
        }
        var sqlType = Convert.ToString(type, CultureInfo.InvariantCulture)?.Trim() ?? "";
        return sqlType.Length > 0 ? new ColumnSpec(name, sqlType) : throw new StepInputException($"input 'columns': column '{name}' has no SQL type");
    }
}
