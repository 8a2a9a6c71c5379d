using MySqlConnector;

namespace Loader.MySql.Connections;

/// <summary>Opens connections of a configured connection, with an error that names it.</summary>
internal static class Database
{
    /// <summary>An open connection; an <see cref="IOException"/> naming the connection and login when the server cannot be reached.</summary>
    public static async Task<MySqlConnection> OpenAsync(MySqlConnectionSettings settings, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync();
            throw new IOException($"{settings}: cannot connect: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one statement without a time limit (loads and deletes of big tables take long); returns the rows it affected.</summary>
    public static async Task<int> ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
