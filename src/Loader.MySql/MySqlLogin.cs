using Loader.Configuration;
using MySqlConnector;

namespace Loader.MySql;

/// <summary>Reads edX credentials files and turns them into MySqlConnector connection strings.</summary>
public static class MySqlLogin
{
    /// <summary>
    /// Reads the credentials file at <paramref name="path"/>; <paramref name="setting"/> names the configuration key
    /// that gave it, for errors. Files on S3 are not read yet.
    /// </summary>
    public static Credentials Read(string path, string setting)
    {
        if (path.Contains("://", StringComparison.Ordinal))
        {
            throw new ConfigurationException(
                $"{setting}: credentials at {path} cannot be read yet (only local files are): copy the file to this machine and give its path");
        }
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{setting}: cannot read the credentials file {path}: {e.Message}", e);
        }
        return Credentials.Parse(json, path);
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
