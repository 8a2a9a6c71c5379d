using System.Diagnostics;

namespace Loader.MySql.Tests.Support;

/// <summary>Runs a command-line tool (mariadb-install-db, id) and fails with its output when it fails.</summary>
internal static class Tool
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
        }
        return await output;
    }

    /// <summary>The first of <paramref name="candidates"/> that exists, or null.</summary>
    public static string? Find(params string[] candidates) => candidates.FirstOrDefault(File.Exists);
}
