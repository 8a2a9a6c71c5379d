using System.Diagnostics;
using System.Globalization;

namespace Loader.Running;

/// <summary>Reads owners of leases and fires (<c>host:pid[:run]</c>) to tell when one is a process of this host that no longer lives.</summary>
public static class LeaseHolders
{
    /// <summary>Whether <paramref name="owner"/> names a process on this host that has ended (killed, crashed).</summary>
    public static bool IsDeadLocalProcess(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length < 2 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || pid == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>This process as owners name it: <c>host:pid</c>.</summary>
    public static string ThisProcess => Steps.StepProcess.RunnerName;

    /// <summary>The runner process an owner names, <c>host:pid</c>, without the run.</summary>
    public static string RunnerOf(string owner) => string.Join(':', owner.Split(':').Take(2));
}
