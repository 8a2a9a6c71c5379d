using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Loader.Bench.Sftp;

// sftp.download against OpenSSH's sftp client, on one local sshd, in one run: see bench/README.md.
[assembly: SupportedOSPlatform("linux")]

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var token = cancellation.Token;
if (args is [StepChild.Command, .. var childArgs])
{
    return await StepChild.RunAsync(childArgs, token);
}

var options = BenchOptions.Parse(args);
var folder = Path.Combine(options.Temp, Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
await using var server = await BenchServer.StartAsync(folder);
const string remoteName = "CA_students_bench.zip";
Console.WriteLine($"writing a {options.SizeMb:N0} MiB random file to serve...");
var bytes = (long)options.SizeMb << 20;
var sourceHash = WriteSource(Path.Combine(server.Served, remoteName), bytes);

const string SpinLimit = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";
var stepFolder = Path.Combine(folder, "step");
var stepOutput = new StepDownload(server.Endpoint, stepFolder, remoteName).Output;
var openSsh = new OpenSshDownload(server, folder, remoteName);
// Each returns the seconds of the step itself (connect to rename), or null for OpenSSH, whose process is that.
var contenders = new (string Name, string Output, Func<Task<double?>> Run)[]
{
    ("sftp.download (default runtime settings)", stepOutput, async () => StepReport.Seconds(
        await StepChild.LaunchAsync(server.Endpoint, stepFolder, remoteName, new Dictionary<string, string?> { [SpinLimit] = null }, token))),
    ("sftp.download (thread pool spin limit 0)", stepOutput, async () => StepReport.Seconds(
        await StepChild.LaunchAsync(server.Endpoint, stepFolder, remoteName, new Dictionary<string, string?> { [SpinLimit] = "0" }, token))),
    ("OpenSSH sftp -b get", openSsh.Output, async () =>
    {
        await openSsh.RunAsync(token);
        return null;
    }),
};
var results = contenders.ToDictionary(c => c.Name, _ => new List<double>());
var wall = contenders.ToDictionary(c => c.Name, _ => new List<double>());

for (var round = 1; round <= options.Rounds; round++)
{
    // Rotate who goes first, so that none always meets a warmer or a busier machine.
    for (var i = 0; i < contenders.Length; i++)
    {
        var (name, output, run) = contenders[(i + round - 1) % contenders.Length];
        File.Delete(stepOutput);
        File.Delete(openSsh.Output);
        var watch = Stopwatch.StartNew();
        var inStep = await run();
        var seconds = watch.Elapsed.TotalSeconds;
        if (round == 1 && Hash(output) != sourceHash)
        {
            throw new InvalidOperationException($"{output} differs from the served file");
        }
        wall[name].Add(bytes / 1e6 / seconds);
        results[name].Add(bytes / 1e6 / (inStep ?? seconds));
        Console.WriteLine($"round {round}: {name,-42} {bytes / 1e6 / (inStep ?? seconds),8:F1} MB/s ({inStep ?? seconds:F2} s; process {seconds:F2} s)");
    }
}
File.Delete(stepOutput);
File.Delete(openSsh.Output);

if (options.Variants)
{
    var raw = new SshNetVariants(server, folder, remoteName);
    for (var round = 1; round <= options.Rounds; round++)
    {
        foreach (var name in SshNetVariants.Names)
        {
            File.Delete(raw.Output);
            var watch = Stopwatch.StartNew();
            await raw.RunAsync(name, token);
            var rate = bytes / 1e6 / watch.Elapsed.TotalSeconds;
            var key = $"SSH.NET {name}, in process, no resume";
            (results.TryGetValue(key, out var list) ? list : results[key] = []).Add(rate);
            Console.WriteLine($"round {round}: {key,-42} {rate,8:F1} MB/s");
        }
    }
    File.Delete(raw.Output);
}

var stepCipher = (await StepChild.LaunchAsync(server.Endpoint, stepFolder, remoteName, new Dictionary<string, string?>(), token)).Split('\n')[0].Trim();
File.Delete(stepOutput);
var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
Console.WriteLine();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {cpu}; load average now {string.Join(' ', load)}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"file: {options.SizeMb:N0} MiB over 127.0.0.1; medians of {options.Rounds} rounds; every download a fresh process");
Console.WriteLine("MB/s: the step's own time (connect, host key, login, copy with fsync checkpoints, rename) against the sftp process's wall time");
Console.WriteLine($"sftp.download: {stepCipher}");
Console.WriteLine($"OpenSSH sftp negotiated: {await openSsh.NegotiatedAsync(token)}");
Console.WriteLine();
Console.WriteLine("| client | MB/s (median) | each round | MB/s counting process start-up (median) |");
Console.WriteLine("|---|---:|---|---:|");
foreach (var (name, rates) in results)
{
    var withStartUp = wall.TryGetValue(name, out var w) ? $"{Median(w):F1}" : "-";
    Console.WriteLine($"| {name} | {Median(rates):F1} | {string.Join(", ", rates.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))} | {withStartUp} |");
}
var sftpMedian = Median(results["OpenSSH sftp -b get"]);
Console.WriteLine();
foreach (var name in results.Keys.Take(2))
{
    Console.WriteLine($"ratio {name} / OpenSSH sftp: {Median(results[name]) / sftpMedian:F2} (target >= 0.90)");
}

if (!options.Keep)
{
    Directory.Delete(folder, recursive: true);
}
return 0;

static string WriteSource(string path, long size)
{
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
    {
        var buffer = new byte[1 << 20];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            var count = (int)Math.Min(buffer.Length, size - written);
            hash.AppendData(buffer, 0, count);
            file.Write(buffer, 0, count);
        }
    }
    BenchServer.Run("chown", BenchServer.User, path);
    return Convert.ToHexString(hash.GetHashAndReset());
}

static string Hash(string path)
{
    using var stream = File.OpenRead(path);
    return Convert.ToHexString(SHA256.HashData(stream));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
