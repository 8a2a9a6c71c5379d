namespace Loader.MySql.Tables;

/// <summary>One declared column: its name and its SQL type with any constraint (<c>VARCHAR(255) NOT NULL</c>).</summary>
internal sealed record ColumnSpec(string Name, string Type);
