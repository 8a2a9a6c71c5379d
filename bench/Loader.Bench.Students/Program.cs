using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Loader.Bench.Students;
using Loader.Students.Generator;

// bench: dotnet run -c Release --project bench/Loader.Bench.Students --artifacts-path /tmp/art-students -- [--sizes 1000000,5000000] [--temp DIR]
if (args is ["child", var childFile, var art, var folder, var chunk, var concurrency, var dry])
{
    return await ChildLoad.RunAsync(childFile, new Uri(art), folder, int.Parse(chunk, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture), dry == "dry");
}

var sizes = Option("--sizes", "1000000,5000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
var temp = Option("--temp", Path.Combine(Path.GetTempPath(), "loader-bench-students"));
var chunkSize = int.Parse(Option("--chunk", "10000"), CultureInfo.InvariantCulture);
var senders = int.Parse(Option("--concurrency", "4"), CultureInfo.InvariantCulture);
var repeat = int.Parse(Option("--repeat", "1"), CultureInfo.InvariantCulture);
var dryRun = args.Contains("--dry-run");
Directory.CreateDirectory(temp);

await using var receiver = await LoopbackArt.StartAsync();

// The receiver is a fixture: warm its code up with a small load first, so the figures are the loader's alone.
var warmUp = Path.Combine(temp, "students-warm-up.csv");
StudentFileGenerator.WriteFile(warmUp, new StudentFileOptions { Students = 50_000, Seed = 1 });
await RunChildAsync(warmUp, receiver.Root, Path.Combine(temp, "run-warm-up"), chunkSize, senders, false);
Console.WriteLine($"students.load benchmark{(dryRun ? " (dry run: read and map only)" : "")}: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}, chunk {chunkSize:N0}, {senders} senders, receiver {receiver.Root}");
Console.WriteLine();
Console.WriteLine("| students | file MB | bad rows | seconds | students/s | MB/s posted | peak working set MB | GC 0/1/2 |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var size in sizes)
{
    var file = Path.Combine(temp, $"students-{size}.csv");
    if (!File.Exists(file))
    {
        var made = Stopwatch.StartNew();
        StudentFileGenerator.WriteFile(file + ".tmp", new StudentFileOptions { Students = size, Seed = 2017, BadRowShare = 0.001, UnknownGradeShare = 0.001 });
        File.Move(file + ".tmp", file, overwrite: true);
        Console.Error.WriteLine($"generated {file} in {made.Elapsed.TotalSeconds:N1} s");
    }
    var runs = new List<ChildResult>();
    for (var i = 0; i < repeat; i++)
    {
        receiver.Reset();
        runs.Add(await RunChildAsync(file, receiver.Root, Path.Combine(temp, $"run-{size}"), chunkSize, senders, dryRun));
    }
    var result = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
    var megabytes = new FileInfo(file).Length / 1e6;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {(dryRun ? result.Students : result.Posted):N0} | {megabytes:N0} | {result.Rejected:N0} | {result.Seconds:N1} | {(dryRun ? result.Students : result.Posted) / result.Seconds:N0} | {receiver.Bytes / 1e6 / result.Seconds:N0} | {result.PeakWorkingSet / 1e6:N0} | {result.Gen0}/{result.Gen1}/{result.Gen2} |"));
}
return 0;

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static async Task<ChildResult> RunChildAsync(string file, Uri art, string folder, int chunk, int concurrency, bool dryRun)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in new[] { typeof(ChildLoad).Assembly.Location, "child", file, art.ToString(), folder, chunk.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), dryRun ? "dry" : "post" })
    {
        start.ArgumentList.Add(argument);
    }
    using var child = Process.Start(start)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"the child failed with exit code {child.ExitCode}: {output}");
    }
    return JsonSerializer.Deserialize<ChildResult>(output.Trim().Split('\n')[^1])!;
}
