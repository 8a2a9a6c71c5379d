using System.Collections.Concurrent;
using System.Diagnostics;

namespace Loader.Sftp.Tests.Support;

/// <summary>An sshd started in the foreground (<c>-D -e</c>), its log lines kept, waited for until it says it listens.</summary>
internal static class SshdProcess
{
    /// <summary>The started process once it listens; null, with the process stopped, when it exited or said nothing for 15 s.</summary>
    public static async Task<Process?> StartAsync(ProcessStartInfo start, ConcurrentQueue<string> log)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            log.Enqueue(e.Data);
            if (e.Data.Contains("Server listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(15))) == listening.Task)
        {
            return process;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
        return null;
    }
}
