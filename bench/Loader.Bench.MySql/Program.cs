using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Loader.Bench.MySql;

// mysql.load against the mariadb client's LOAD DATA LOCAL INFILE of the same file, on one MariaDB, in one run: see bench/README.md.
[assembly: SupportedOSPlatform("linux")]

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var token = cancellation.Token;

var options = BenchOptions.Parse(args);
var folder = Path.Combine(options.Temp, Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    await using var server = await BenchServer.StartAsync(folder);
    await server.ExecuteAsync("CREATE DATABASE bench CHARACTER SET utf8mb4");
    var file = Path.Combine(folder, "rows.tsv");
    ResultRows.Write(file, options.Rows);
    var version = await VersionAsync(server);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{options.Rows:N0} rows, {new FileInfo(file).Length / 1e6:N1} MB of TSV; MariaDB {version} on 127.0.0.1:{server.Port}; {Environment.ProcessorCount} cores"));

    var step = new StepLoad(server, folder, file);
    var contenders = new (string Name, Func<string, Task> Run)[]
    {
        ("mysql.load (loader runner, in process)", table => step.RunAsync(table, token)),
        ("mariadb client LOAD DATA LOCAL INFILE", table => ClientLoad.RunAsync(server, file, $"bench.{table}", token)),
    };
    // A first load of each warms the server's buffer pool and this process's JIT; it is not counted.
    foreach (var (name, run) in contenders)
    {
        await run($"warm_{contenders.ToList().FindIndex(c => c.Name == name)}");
    }
    var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Rotate who goes first, so that neither always meets a warmer or a busier machine.
        for (var i = 0; i < contenders.Length; i++)
        {
            var index = (i + round - 1) % contenders.Length;
            var (name, run) = contenders[index];
            var table = $"r{round}_{index}";
            var watch = Stopwatch.StartNew();
            await run(table);
            var elapsed = watch.Elapsed.TotalSeconds;
            seconds[name].Add(elapsed);
            var count = await server.CountAsync($"bench.{table}");
            if (count != options.Rows)
            {
                throw new InvalidOperationException($"{name} loaded {count:N0} rows, not {options.Rows:N0}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: {name}: {elapsed:F2} s, {options.Rows / elapsed:N0} rows/s"));
            await server.ExecuteAsync($"DROP TABLE bench.{table}");
        }
    }

    Console.WriteLine();
    Console.WriteLine("| contender | median s | rows/s |");
    Console.WriteLine("|---|---:|---:|");
    var medians = seconds.ToDictionary(s => s.Key, s => Median(s.Value));
    foreach (var (name, median) in medians)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F2} | {options.Rows / median:N0} |"));
    }
    var ratio = medians[contenders[1].Name] / medians[contenders[0].Name];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nmysql.load rows/s ÷ client rows/s = {ratio:F2} (target ≥ 0.80): {(ratio >= 0.8 ? "met" : "NOT met")}"));
}
finally
{
    if (!options.Keep)
    {
        Directory.Delete(folder, recursive: true);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task<string> VersionAsync(BenchServer server)
{
    await using var connection = new MySqlConnector.MySqlConnection(server.ConnectionString);
    await connection.OpenAsync();
    return connection.ServerVersion;
}
