using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MySqlConnector;

namespace Loader.Bench.MySql;

/// <summary>
/// A MariaDB server of the benchmark's own, in a temporary folder on a free 127.0.0.1 port, with a user for the
/// loads and an edX credentials file for it. Settings suit bulk loads: a 256 MB buffer pool and redo log.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string User = "bench";
    public const string Password = "bench-pw-51c2";

    private readonly Process _process;

    private BenchServer(string folder, int port, Process process)
    {
        Folder = folder;
        Port = port;
        _process = process;
    }

    public string Folder { get; }

    public int Port { get; }

    public string CredentialsPath => Path.Combine(Folder, "credentials.json");

    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1",
        Port = (uint)Port,
        UserID = User,
        Password = Password,
        SslMode = MySqlSslMode.None,
    }.ConnectionString;

    /// <summary>Installs a data folder under <paramref name="folder"/> and starts the server on it.</summary>
    public static async Task<BenchServer> StartAsync(string folder)
    {
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var user = Environment.UserName;
        await RunAsync("mariadb-install-db", "--no-defaults", $"--datadir={data}", $"--user={user}", "--auth-root-authentication-method=normal",
            "--skip-test-db", "--innodb-log-file-size=256M");
        var socket = Path.Combine(folder, "mysqld.sock");
        var port = FreePort();
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--no-defaults", $"--datadir={data}", $"--socket={socket}", $"--port={port}", "--bind-address=127.0.0.1", $"--user={user}",
            $"--log-error={Path.Combine(folder, "error.log")}", "--innodb-log-file-size=256M", "--innodb-buffer-pool-size=256M",
            "--innodb-flush-log-at-trx-commit=1", "--local-infile=1",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start mariadbd");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var root = new MySqlConnection($"Server={socket};Protocol=Unix;User ID=root;Pooling=false");
                await root.OpenAsync();
                await using var command = new MySqlCommand($"""
                    CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';
                    CREATE USER '{User}'@'localhost' IDENTIFIED BY '{Password}';
                    GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1';
                    GRANT ALL PRIVILEGES ON *.* TO '{User}'@'localhost';
                    """, root);
                await command.ExecuteNonQueryAsync();
                break;
            }
            catch (MySqlException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
        var server = new BenchServer(folder, port, process);
        await File.WriteAllTextAsync(server.CredentialsPath, JsonSerializer.Serialize(new { host = "127.0.0.1", port, username = User, password = Password }));
        return server;
    }

    /// <summary>Runs statements as the bench user.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT COUNT(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
