using System.Diagnostics;

namespace Loader.Bench.MySql;

/// <summary>The baseline: the <c>mariadb</c> command-line client's <c>LOAD DATA LOCAL INFILE</c> of the same file.</summary>
internal static class ClientLoad
{
    public static async Task RunAsync(BenchServer server, string file, string table, CancellationToken cancellationToken)
    {
        await server.ExecuteAsync($"CREATE TABLE {table} ({ResultRows.Columns}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        var start = new ProcessStartInfo("mariadb") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--no-defaults", "--local-infile=1", "--protocol=TCP", "-h127.0.0.1", $"-P{server.Port}", $"-u{BenchServer.User}", $"-p{BenchServer.Password}",
            "-e", $"LOAD DATA LOCAL INFILE '{file}' INTO TABLE {table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (id, course_id, day, learners, score)",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the mariadb client: run scripts/prepare.sh as root");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb exited with {process.ExitCode}: {await error}");
        }
    }
}
