using System.Diagnostics;

namespace Loader.Steps;

/// <summary>
/// Runs a step's program in a session of its own, under a watchdog that kills the whole session when the program ends
/// (its leftover background jobs), when the step is cancelled, and when the runner dies, even by <c>kill -9</c>.
/// </summary>
/// <remarks>
/// The watchdog is a shell in a session of its own too, so a terminal's Ctrl-C or hang-up reaches only the runner,
/// which then cancels. It holds the read end of a pipe whose only writer is the runner: the pipe ends when the runner
/// closes it (cancel) or dies, and the watchdog then kills the step's session. A parent-death signal would not do:
/// it fires when the thread that started the child exits, and pool threads come and go.
/// </remarks>
internal static class StepProcess
{
    /// <summary>Names the runner process (<c>host:pid</c>) in every step process's environment, so a later run can find what a dead runner left.</summary>
    public const string RunnerVariable = "RUN_BY_LOADER";

    /// <summary>util-linux's <c>setsid</c>, part of every Debian system.</summary>
    private const string Setsid = "/usr/bin/setsid";

    // $@ is the step's program and arguments. The step's session id is its pid ($step), as setsid runs it in place.
    // The group's id cannot be taken by a new process while any member of the group lives, so the last kill after
    // the wait reaches only the step's leftovers. Killing the pid too catches a step killed before it called setsid.
    private const string Watchdog = """
        exec 3<&0
        /usr/bin/setsid -- "$@" 3<&- &
        step=$!
        {
          while read -r _; do :; done
          kill -KILL -"$step" "$step" 2>/dev/null
        } <&3 &
        watcher=$!
        wait "$step"
        code=$?
        kill -KILL -"$step" "$watcher" 2>/dev/null
        exit "$code"
        """;

    /// <summary>The value of <see cref="RunnerVariable"/> for steps this process starts.</summary>
    public static string RunnerName => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Runs the program <paramref name="program"/> describes (file name, arguments, environment, working folder), sends
    /// each line it prints to <paramref name="line"/>, and returns its exit code; on cancellation its session is killed.
    /// </summary>
    public static async Task<int> RunAsync(ProcessStartInfo program, Action<string> line, CancellationToken cancellationToken)
    {
        if (!File.Exists(Setsid))
        {
            throw new StepInputException($"cannot start '{program.FileName}': {Setsid} is missing (install util-linux)");
        }
        var start = Watched(program);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) line(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) line(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new StepInputException($"cannot start '{program.FileName}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ending the pipe is what the runner's death does too: the watchdog kills the session and exits.
            process.StandardInput.Close();
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        return process.ExitCode;
    }

    /// <summary><c>setsid /bin/sh -c WATCHDOG loader-step PROGRAM ARGS...</c>, with the program's environment and folder.</summary>
    private static ProcessStartInfo Watched(ProcessStartInfo program)
    {
        var start = new ProcessStartInfo(Setsid)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = program.WorkingDirectory,
        };
        foreach (var argument in (string[])["/bin/sh", "-c", Watchdog, "loader-step", program.FileName, .. program.ArgumentList])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var (name, value) in program.Environment)
        {
            start.Environment[name] = value;
        }
        start.Environment[RunnerVariable] = RunnerName;
        return start;
    }
}
