using System.Text;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>The live step processes of a runner, found in <c>/proc</c> by the <c>RUN_BY_LOADER</c> mark every step carries.</summary>
public static class StepProcesses
{
    /// <summary>The live processes started for steps by the runner process <paramref name="runnerPid"/>, and their children.</summary>
    public static IReadOnlyList<int> Of(int runnerPid)
    {
        var mark = Encoding.UTF8.GetBytes($"RUN_BY_LOADER={Environment.MachineName}:{runnerPid}\0");
        return Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid => Read($"/proc/{pid}/environ").AsSpan().IndexOf(mark) >= 0 && IsAlive(pid))
            .ToList();
    }

    private static bool IsAlive(int pid)
    {
        var stat = Encoding.UTF8.GetString(Read($"/proc/{pid}/stat"));
        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
    }

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
