using Loader.Bench.Students;
using Loader.Students.Generator;

// students.load on loopback, and side by side with the original csv_load_students.py: see bench/README.md.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var token = cancellation.Token;
if (args is [ChildLoad.Command, var childFile, var art, var folder, var chunk, var concurrency, var dry])
{
    return await ChildLoad.RunAsync(childFile, new Uri(art), folder, int.Parse(chunk, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture), dry == "dry");
}

try
{
    var options = BenchOptions.Parse(args);
    Directory.CreateDirectory(options.Temp);
    await using var receiver = await LoopbackArt.StartAsync(TimeProvider.System);

    // The receiver is a fixture: warm its code up with a small load first, so the figures are the loader's alone.
    var warmUp = StudentFile.Ensure(options.Temp, "students-warm-up.csv", new StudentFileOptions { Students = 50_000, Seed = 1 });
    await ChildLoad.LaunchAsync(warmUp.Path, receiver.Root, Path.Combine(options.Temp, "run-warm-up"), options.Chunk, options.Concurrency, false, token);

    if (!options.CompareOnly)
    {
        await ThroughputTable.RunAsync(options, receiver, token);
    }
    if (options.Original is null)
    {
        Console.WriteLine();
        Console.WriteLine("No comparison with csv_load_students.py: pass --original FOLDER, its python/ folder at 5f11657 (bench/README.md).");
        return 0;
    }
    await SideBySide.RunAsync(options, receiver, warmUp, token);
    return 0;
}
catch (BenchFailure failure)
{
    Console.Error.WriteLine($"error: {failure.Message}");
    return 1;
}
