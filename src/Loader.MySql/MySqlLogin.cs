using Loader.Configuration;
using MySqlConnector;

namespace Loader.MySql;

/// <summary>Reads edX credentials files and turns them into MySqlConnector connection strings.</summary>
public static class MySqlLogin
{
    /// <summary>
    /// Reads the credentials file at <paramref name="location"/>, a path or a URL that <paramref name="files"/> reads
    /// (such as <c>s3://bucket/key</c>; default: local files only); <paramref name="setting"/> names the configuration
    /// key that gave it, for errors.
    /// </summary>
    public static async Task<Credentials> ReadAsync(string location, string setting, FileSources? files, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await (files ?? FileSources.Local()).ReadTextAsync(location, cancellationToken);
        }
        catch (ConfigurationException e)
        {
            throw new ConfigurationException($"{setting}: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ConfigurationException($"{setting}: cannot read the credentials file {location}: {e.Message}", e);
        }
        return Credentials.Parse(json, location);
    }

    /// <summary>
    /// A connection string for <paramref name="login"/>: pooled, utf8mb4, local-file loads allowed (the bulk loader
    /// streams files to the server), and no default database, as every statement names its own.
    /// </summary>
    public static string ConnectionString(Credentials login, MySqlSslMode sslMode = MySqlSslMode.Preferred, string? database = null)
    {
        ArgumentNullException.ThrowIfNull(login);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = login.Host,
            Port = checked((uint)login.Port),
            UserID = login.Username,
            Password = login.Password,
            SslMode = sslMode,
            AllowLoadLocalInfile = true,
            AllowUserVariables = true,
            CharacterSet = "utf8mb4",
            ConnectionTimeout = 15,
            Pooling = true,
        };
        if (database is not null)
        {
            builder.Database = database;
        }
        return builder.ConnectionString;
    }
}
