using Loader.MySql.Connections;
using Loader.MySql.Tables;
using MySqlConnector;

namespace Loader.MySql.Loading;

/// <summary>
/// How each field of a TSV line reaches its column: straight in, where MySQL's own <c>\N</c> is the only NULL
/// text, or through a variable and <c>SET column = IF(@f IN (...), NULL, @f)</c> for other NULL texts.
/// </summary>
/// <param name="Columns">Per field: the quoted column, or the variable (<c>@f0</c>) it is read into.</param>
/// <param name="Expressions">The <c>SET</c> expressions filling the columns from variables; empty when fields go straight in.</param>
internal sealed record FieldMapping(IReadOnlyList<string> Columns, IReadOnlyList<string> Expressions)
{
    /// <summary>The mapping for <paramref name="table"/>'s columns under <paramref name="settings"/>.</summary>
    public static FieldMapping For(TableSpec table, LoadSettings settings)
    {
        // With backslash escapes on, the server reads \N as NULL itself.
        var nulls = settings.NullTexts
            .Where(text => text != LoadSettings.BackslashN)
            .Concat(settings.EmptyAsNull ? [""] : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (nulls.Count == 0)
        {
            return new FieldMapping(table.QuotedColumns, []);
        }
        var list = string.Join(", ", nulls.Select(text => $"'{MySqlHelper.EscapeString(text)}'"));
        return new FieldMapping(
            table.Columns.Select((_, i) => $"@f{i}").ToList(),
            table.Columns.Select((c, i) => $"{SqlName.Quote(c.Name, "column")} = IF(@f{i} IN ({list}), NULL, @f{i})").ToList());
    }
}
