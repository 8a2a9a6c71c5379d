namespace Loader.MySql.Connections;

/// <summary>One named connection, resolved: how to connect and which table holds its markers.</summary>
/// <param name="Name">The name under <c>mysql:</c> in configuration.</param>
/// <param name="ConnectionString">The connection string, password included: never shown.</param>
/// <param name="MarkerTable">The marker table's name in each database (Luigi's <c>table_updates</c>).</param>
/// <param name="Login">The login as it may be shown: <c>user@host:port</c>.</param>
public sealed record MySqlConnectionSettings(string Name, string ConnectionString, string MarkerTable, string Login)
{
    /// <inheritdoc />
    public override string ToString() => $"mysql connection '{Name}' ({Login})";
}
