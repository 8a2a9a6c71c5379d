using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Loader.Steps;

namespace Loader.Running;

/// <summary>
/// Finds the step processes a dead runner of this host left (they carry its name in <see cref="StepProcess.RunnerVariable"/>),
/// with everything else in their sessions, and kills them: a task is not started again while an earlier copy runs.
/// </summary>
internal static class OrphanedSteps
{
    private const int SigKill = 9;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Kills what the dead runner <paramref name="owner"/> (<c>host:pid:...</c>) left and waits up to 5 s for it to be
    /// gone; returns the processes still alive then (none: safe to take over).
    /// </summary>
    public static async Task<IReadOnlyList<int>> StopAsync(string owner, CancellationToken cancellationToken)
    {
        if (!Directory.Exists("/proc") || !owner.Contains(':', StringComparison.Ordinal))
        {
            return [];
        }
        var marker = Encoding.UTF8.GetBytes($"{StepProcess.RunnerVariable}={LeaseHolders.RunnerOf(owner)}\0");
        var ownSession = Session(Environment.ProcessId);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var left = Find(marker);
            if (left.Count == 0 || waited.Elapsed >= Patience)
            {
                return left.Select(p => p.Pid).ToList();
            }
            foreach (var process in left)
            {
                // Never this runner's own session (a runner started by a step of the dead one), nor kill(-1): everything.
                if (process.Session > 1 && process.Session != ownSession)
                {
                    Kill(-process.Session);
                }
                Kill(process.Pid);
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The live processes carrying <paramref name="marker"/> in their environment, and all others in their sessions.</summary>
    private static List<(int Pid, int Session)> Find(byte[] marker)
    {
        var all = new List<(int Pid, int Session, bool Marked)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && Session(pid) is { } session)
            {
                all.Add((pid, session, Carries(pid, marker)));
            }
        }
        var sessions = all.Where(p => p.Marked).Select(p => p.Session).ToHashSet();
        return all.Where(p => p.Marked || sessions.Contains(p.Session)).Select(p => (p.Pid, p.Session)).ToList();
    }

    /// <summary>The session of a live process, or null when it is gone or a zombie (dead, waiting to be reaped).</summary>
    private static int? Session(int pid)
    {
        try
        {
            // "pid (name) state ppid pgrp session ...": the name may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : int.Parse(fields[3], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Carries(int pid, byte[] marker)
    {
        try
        {
            // Variables are NUL-terminated, so the marker matches a whole variable when it starts the block or follows a NUL.
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            for (var at = environment.AsSpan().IndexOf(marker); at >= 0;)
            {
                if (at == 0 || environment[at - 1] == 0)
                {
                    return true;
                }
                var next = environment.AsSpan(at + 1).IndexOf(marker);
                at = next < 0 ? -1 : at + 1 + next;
            }
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's process, or one that just ended.
            return false;
        }
    }

    private static void Kill(int pid) => _ = SendSignal(pid, SigKill);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
