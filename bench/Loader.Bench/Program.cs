using System.Globalization;
using Loader.Bench;
using Loader.Bench.Profiling;

// InvariantGlobalization is on, but the table's number formats should not depend on it either.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (args is [ChildLauncher.Command, .. var childArgs])
{
    return await ChildLauncher.RunChildAsync(childArgs, cancellation.Token);
}

var profile = args is ["profile", ..];
BenchOptions options;
try
{
    options = BenchOptions.Parse(profile ? args[1..] : args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
return profile
    ? await PieceProfiler.RunAsync(options, cancellation.Token)
    : await ScaleBenchmark.RunAsync(options, cancellation.Token);
