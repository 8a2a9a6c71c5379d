using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Loader.Cli.Tests.Infrastructure;

/// <summary>What <c>/proc</c> says about the processes of this machine: which live, what started them, their command lines.</summary>
internal static class ProcessTable
{
    /// <summary>Whether <paramref name="pid"/> is a live process (a zombie is dead, only not yet reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The parent of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The live processes started for steps by the <c>loader</c> process <paramref name="runnerPid"/>, and their children.</summary>
    public static IReadOnlyList<int> StepsOf(int runnerPid)
    {
        var marker = Encoding.UTF8.GetBytes($"RUN_BY_LOADER={Environment.MachineName}:{runnerPid}\0");
        return Pids().Where(pid => Read($"/proc/{pid}/environ").AsSpan().IndexOf(marker) >= 0 && IsAlive(pid)).ToList();
    }

    /// <summary>Every live process's arguments, NUL-separated as the kernel gives them, by pid.</summary>
    public static IReadOnlyDictionary<int, byte[]> CommandLines() =>
        Pids().Select(pid => (pid, line: Read($"/proc/{pid}/cmdline"))).Where(p => p.line.Length > 0).ToDictionary(p => p.pid, p => p.line);

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="find"/> to find nothing; returns what it last found.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilNoneAsync(Func<IReadOnlyList<int>> find, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var left = find();
        while (left.Count > 0 && waited.Elapsed < timeout)
        {
            await Task.Delay(25);
            left = find();
        }
        return left;
    }

    /// <summary>A description of <paramref name="pids"/> for a failure message.</summary>
    public static string Describe(IEnumerable<int> pids) =>
        string.Join("; ", pids.Select(pid => $"{pid}: {Encoding.UTF8.GetString(Read($"/proc/{pid}/cmdline")).Replace('\0', ' ')}"));

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
