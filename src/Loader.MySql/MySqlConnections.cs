using System.Collections.Concurrent;
using Loader.Configuration;
using Loader.MySql.Connections;
using Loader.Steps;
using Microsoft.Extensions.Configuration;
using MySqlConnector;

namespace Loader.MySql;

/// <summary>
/// The MySQL connections named in configuration, <c>mysql: {NAME: {credentials: PATH, marker_table: table_updates, ssl_mode: Preferred}}</c>.
/// A connection's credentials file is read the first time the connection is used, and its password then joins
/// <paramref name="secrets"/>, so that it is masked wherever text is shown. PATH may be a URL that
/// <paramref name="files"/> reads, such as <c>s3://bucket/credentials.json</c> (default: local files only).
/// </summary>
public sealed class MySqlConnections(IConfiguration configuration, SecretMasker? secrets = null, FileSources? files = null)
{
    /// <summary>The configuration section the connections live in.</summary>
    public const string ConfigSection = "mysql";

    /// <summary>Luigi's marker table name, used unless a connection sets <c>marker_table</c>.</summary>
    public const string DefaultMarkerTable = "table_updates";

    private readonly ConcurrentDictionary<string, Lazy<Task<MySqlConnectionSettings>>> _resolved = new(StringComparer.Ordinal);

    /// <summary>The connection named <paramref name="name"/>; a <see cref="ConfigurationException"/> saying what to add when it is not configured.</summary>
    public Task<MySqlConnectionSettings> GetAsync(string name, CancellationToken cancellationToken) =>
        // Resolved once for every caller, so not cancelled by the first one's token.
        _resolved.GetOrAdd(name, n => new Lazy<Task<MySqlConnectionSettings>>(() => ResolveAsync(n))).Value.WaitAsync(cancellationToken);

    private async Task<MySqlConnectionSettings> ResolveAsync(string name)
    {
        var section = configuration.GetSection($"{ConfigSection}:{name}");
        var path = section["credentials"] is { Length: > 0 } configured
            ? configured
            : throw new ConfigurationException(
                $"mysql connection '{name}' is not configured: add {ConfigSection}: {{{name}: {{credentials: PATH}}}} to config, PATH naming a JSON file with host, port, username and password");
        var login = await MySqlLogin.ReadAsync(path, $"{ConfigSection}.{name}.credentials", files, CancellationToken.None);
        secrets?.Add(login.Password);

        var markerTable = section["marker_table"] is { Length: > 0 } table ? table : DefaultMarkerTable;
        if (!SqlName.IsPlain(markerTable))
        {
            throw new ConfigurationException($"{ConfigSection}.{name}.marker_table '{markerTable}' is not a plain MySQL name: use letters, digits, _ and $");
        }
        var sslMode = MySqlSslMode.Preferred;
        if (section["ssl_mode"] is { Length: > 0 } ssl && (!Enum.TryParse(ssl, ignoreCase: true, out sslMode) || !Enum.IsDefined(sslMode)))
        {
            throw new ConfigurationException(
                $"{ConfigSection}.{name}.ssl_mode '{ssl}' is not known: use one of {string.Join(", ", Enum.GetNames<MySqlSslMode>())}");
        }
        return new MySqlConnectionSettings(name, MySqlLogin.ConnectionString(login, sslMode), markerTable, login.ToString());
    }
}
