using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Loader.Shipped.Tests.Support;

/// <summary>
/// What <c>scripts/pack.sh</c> builds, built once for the tests that share it into a folder of their own: the
/// <c>dotnet tool</c> package and the single-file executables, each with its <c>.sha256</c>.
/// </summary>
public sealed class PackedLoader : IAsyncLifetime
{
    /// <summary>The folder the script wrote to (<c>--output</c>).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-packed-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The tool package, <c>loader.VERSION.nupkg</c>.</summary>
    public string Package => Directory.GetFiles(Folder, "loader.*.nupkg").Single();

    /// <summary>The package's version, as <c>dotnet tool install --version</c> takes it.</summary>
    public string Version => Path.GetFileNameWithoutExtension(Package)["loader.".Length..];

    /// <summary>The repository the script is run in.</summary>
    public static string RepositoryRoot { get; } = Root();

    /// <summary>The single-file executable for <paramref name="runtime"/> (<c>linux-x64</c>, <c>linux-arm64</c>).</summary>
    public string Executable(string runtime) => Path.Combine(Folder, "loader-" + runtime);

    /// <summary>The SHA-256 of <paramref name="file"/>, in lower-case hex as <c>sha256sum</c> prints it.</summary>
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var log = Path.Combine(Folder, "pack.log");
        // The output goes to a file, not a pipe: build servers the script's builds leave running would hold a pipe open.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""exec bash scripts/pack.sh --output "$1" > "$2" 2>&1""");
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(Folder);
        start.ArgumentList.Add(log);
        // The test host's MSBuild variables would steer the script's own builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        using var pack = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await pack.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            pack.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/pack.sh did not end within 10 minutes:\n{Tail(log)}");
        }
        Assert.True(pack.ExitCode == 0, $"scripts/pack.sh exited with {pack.ExitCode}:\n{Tail(log)}");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private static string Tail(string log) => string.Join('\n', File.ReadLines(log).TakeLast(40));

    private static string Root([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
