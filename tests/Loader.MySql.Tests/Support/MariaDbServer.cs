using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MySqlConnector;

namespace Loader.MySql.Tests.Support;

/// <summary>
/// A real MariaDB server for the whole test run, in a temporary data folder, on a free 127.0.0.1 port, with a test
/// user for '127.0.0.1' and 'localhost' and an edX credentials file for it. Tests each take their own database.
/// A machine without the server binaries fails the tests; it never skips them.
/// </summary>
public sealed class MariaDbServer : IAsyncLifetime
{
    public const string User = "loader_test";
    public const string Password = "loader-test-pw-7f3a";

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _server;
    private int _databases;

    /// <summary>The temporary folder: data, socket, log and the credentials file.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-mysql-tests", Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; private set; }

    /// <summary>An edX credentials file for the test user: <c>{"host", "port", "username", "password"}</c>.</summary>
    public string CredentialsPath => Path.Combine(Folder, "credentials.json");

    /// <summary>The test user's connection string, no database chosen.</summary>
    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)Port,
        UserID = User,
        Password = Password,
        SslMode = MySqlSslMode.None,
        AllowLoadLocalInfile = true,
        AllowUserVariables = true,
    }.ConnectionString;

    private string DataFolder => Path.Combine(Folder, "data");

    private string Socket => Path.Combine(Folder, "mysqld.sock");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A database name no other test uses (the database itself is created by whoever writes first).</summary>
    public string NewDatabaseName(string purpose) => $"{purpose}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>An open connection as the test user.</summary>
    public async Task<MySqlConnection> OpenAsync(string? database = null)
    {
        var builder = new MySqlConnectionStringBuilder(ConnectionString);
        if (database is not null)
        {
            builder.Database = database;
        }
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs one query and returns its first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and returns every row, each as texts (NULL as null).</summary>
    public async Task<IReadOnlyList<string?[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Runs statements.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Waits until a <c>LOAD DATA</c> has been running for <paramref name="time"/>, so a load interrupted now is interrupted
    /// mid-way.
    /// </summary>
    public async Task WaitForLoadMidwayAsync(TimeSpan time, Func<string?> ended)
    {
        var waited = Stopwatch.StartNew();
        while (await ScalarAsync<double>("SELECT COALESCE(MAX(TIME_MS), 0) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'LOAD DATA%'") < time.TotalMilliseconds)
        {
            if (ended() is { } how)
            {
                throw new InvalidOperationException($"the load ended before it could be interrupted: {how}");
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException("the load never got going");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Waits until no transaction is open: an interrupted load has been rolled back. InnoDB refreshes the table of open
    /// transactions only when nobody has read it for 0.1 s, so it is read every quarter of a second, never faster.
    /// </summary>
    public async Task WaitForRollbackAsync()
    {
        var waited = Stopwatch.StartNew();
        while (await ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.INNODB_TRX") > 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                var open = await RowsAsync("SELECT trx_mysql_thread_id, trx_state, trx_rows_modified, trx_query FROM information_schema.INNODB_TRX");
                throw new TimeoutException($"a transaction stayed open for 90 s after its load was interrupted: {string.Join("; ", open.Select(r => string.Join(" ", r)))}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The last lines the server logged, for failure messages.</summary>
    public string Log => string.Join(Environment.NewLine, _log.TakeLast(30))
        + (File.Exists(Path.Combine(Folder, "error.log")) ? Environment.NewLine + string.Join(Environment.NewLine, File.ReadLines(Path.Combine(Folder, "error.log")).TakeLast(30)) : "");

    public async Task InitializeAsync()
    {
        var server = Tool.Find("/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld")
            ?? throw new InvalidOperationException("the MariaDB server (mariadbd) is missing: run scripts/prepare.sh as root (it installs mariadb-server)");
        var installer = Tool.Find("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db", "/usr/sbin/mariadb-install-db")
            ?? throw new InvalidOperationException("mariadb-install-db is missing: run scripts/prepare.sh as root (it installs mariadb-server)");
        Directory.CreateDirectory(DataFolder);
        var user = IsRoot ? "root" : Environment.UserName;
        await Tool.RunAsync(installer, "--no-defaults", $"--datadir={DataFolder}", $"--user={user}", "--auth-root-authentication-method=normal",
            "--skip-test-db", "--innodb-log-file-size=8M");
        await StartAsync(server, user);
        await using (var root = new MySqlConnection($"Server={Socket};Protocol=Unix;User ID=root;Pooling=false"))
        {
            await root.OpenAsync();
            await using var command = new MySqlCommand($"""
                CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';
                CREATE USER '{User}'@'localhost' IDENTIFIED BY '{Password}';
                GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1';
                GRANT ALL PRIVILEGES ON *.* TO '{User}'@'localhost';
                FLUSH PRIVILEGES;
                """, root);
            await command.ExecuteNonQueryAsync();
        }
        await File.WriteAllTextAsync(CredentialsPath, JsonSerializer.Serialize(new { host = "127.0.0.1", port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture), username = User, password = Password }));
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync(string server, string user)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo(server) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "--no-defaults", $"--datadir={DataFolder}", $"--socket={Socket}", $"--port={Port}", "--bind-address=127.0.0.1", $"--user={user}",
                $"--pid-file={Path.Combine(Folder, "mysqld.pid")}", $"--log-error={Path.Combine(Folder, "error.log")}",
                "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=2", "--local-infile=1",
                "--max-connections=300",
            })
            {
                start.ArgumentList.Add(argument);
            }
            var process = new Process { StartInfo = start };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            if (await AcceptsConnectionsAsync(process))
            {
                _server = process;
                return;
            }
            if (!process.HasExited)
            {
                process.Kill();
            }
            await process.WaitForExitAsync();
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"mariadbd did not start on port {Port}:{Environment.NewLine}{Log}");
            }
        }
    }

    private async Task<bool> AcceptsConnectionsAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            try
            {
                await using var probe = new MySqlConnection($"Server={Socket};Protocol=Unix;User ID=root;Pooling=false;Connection Timeout=2");
                await probe.OpenAsync();
                return true;
            }
            catch (MySqlException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
