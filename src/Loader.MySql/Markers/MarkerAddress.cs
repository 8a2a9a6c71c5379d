using Loader.MySql.Connections;
using Loader.Targets;

namespace Loader.MySql.Markers;

/// <summary>
/// Where a MySQL marker lives, from its URL <c>mysql://CONNECTION/DATABASE/TABLE</c>: the marker row names
/// <c>DATABASE.TABLE</c>, the table the task fills, and sits in that database's marker table.
/// </summary>
/// <param name="Connection">The connection's name under <c>mysql:</c> in configuration.</param>
/// <param name="Database">The database holding the table and its marker table.</param>
/// <param name="Table">The table the task fills.</param>
internal sealed record MarkerAddress(string Connection, string Database, string Table)
{
    /// <summary>The URL scheme of MySQL markers.</summary>
    public const string Scheme = "mysql";

    private const string Prefix = Scheme + "://";

    /// <summary>The <c>target_table</c> the marker row records: <c>DATABASE.TABLE</c>.</summary>
    public string TargetTable => $"{Database}.{Table}";

    /// <summary>The table, quoted for SQL.</summary>
    public string QuotedTable => SqlName.Qualified(Database, Table);

    /// <summary>The address of <paramref name="target"/>, which must be a marker; a <see cref="FormatException"/> saying how to write it otherwise.</summary>
    public static MarkerAddress Of(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != TargetKind.Marker)
        {
            throw new FormatException($"output {target.Location} is a MySQL marker row: declare it as {{marker: \"{target.Location}\"}}");
        }
        if (target.TaskKey.Length is 0 or > 128)
        {
            throw new FormatException($"marker {target.Location}: the task key '{target.TaskKey}' cannot be an update_id (1 to 128 characters)");
        }
        return Parse(target.Location);
    }

    /// <summary>Parses <c>mysql://CONNECTION/DATABASE/TABLE</c>.</summary>
    public static MarkerAddress Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var parts = location.StartsWith(Prefix, StringComparison.Ordinal) ? location[Prefix.Length..].Split('/') : [];
        if (parts.Length != 3 || parts.Any(p => p.Length == 0) || parts[0].Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"MySQL marker '{location}' must be written mysql://CONNECTION/DATABASE/TABLE, CONNECTION naming a connection under 'mysql:' in config");
        }
        var address = new MarkerAddress(parts[0], SqlName.Checked(parts[1], "database"), SqlName.Checked(parts[2], "table"));
        if (address.TargetTable.Length > 128)
        {
            throw new FormatException($"MySQL marker '{location}': DATABASE.TABLE is longer than the 128 characters target_table holds");
        }
        return address;
    }
}
