using System.Diagnostics;

namespace Loader.Steps;

/// <summary>
/// Runs a program, or a shell line through <c>/bin/sh</c>, capturing its output to the attempt's log. The shell line
/// reaches the shell through its environment, never its arguments: every local user can read a process's arguments.
/// A line too long for the environment (a report over ten years of daily partitions) goes through a private file instead.
/// </summary>
public sealed class ShellStep : IStep
{
    /// <summary>The variable that carries the shell line; the shell removes it before running the line.</summary>
    private const string LineVariable = "LOADER_SHELL_LINE";

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "shell",
        "Runs a command; a non-zero exit code fails the attempt.",
        [
            new StepInput("command", "string", true, null, "The program to run, or a whole shell line when 'args' is not given."),
            new StepInput("args", "list", false, null, "Arguments passed to the program as they are, without a shell; never a secret (use 'env')."),
            new StepInput("env", "map", false, null, "Environment variables added for the command; the place for secrets."),
            new StepInput("workdir", "string", false, null, "The folder the command runs in (default: the current folder)."),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var command = context.RequiredText("command");
        var start = new ProcessStartInfo
        {
            WorkingDirectory = context.Text("workdir") is { Length: > 0 } folder ? Path.GetFullPath(folder) : Environment.CurrentDirectory,
        };
        foreach (var (name, value) in context.Map("env"))
        {
            start.Environment[name] = value;
        }
        foreach (var (name, path) in context.Outputs)
        {
            start.Environment[$"LOADER_OUTPUT_{name.ToUpperInvariant()}"] = path;
        }
        using var script = context.Inputs.ContainsKey("args") || !ShellScript.IsNeededFor(command)
            ? null
            : ShellScript.Write(System.IO.Path.ChangeExtension(context.Log.Path, ".sh"), command);
        if (context.Inputs.ContainsKey("args"))
        {
            start.FileName = Executable(RefuseSecret(context, "command", command), start);
            foreach (var arg in context.List("args"))
            {
                start.ArgumentList.Add(RefuseSecret(context, "args", arg));
            }
        }
        else if (script is not null)
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(ShellScript.Reader);
            start.ArgumentList.Add("/bin/sh");
            start.ArgumentList.Add(script.Path);
        }
        else
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"eval \"unset {LineVariable}; ${LineVariable}\"");
            start.Environment[LineVariable] = command;
        }

        var exitCode = await StepProcess.RunAsync(start, context.Log.Line, cancellationToken);
        // A step killed by a signal from elsewhere may end first; when the run was cancelled, the attempt was cancelled, not failed.
        cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            var tail = context.Log.Tail(5);
            throw new StepFailedException(
                $"command exited with code {exitCode}" + (tail.Length > 0 ? $"; last output:{Environment.NewLine}{tail}" : ""));
        }
    }

    /// <summary>
    /// <paramref name="program"/> found as <c>execvp</c> would find it (a path, else on the step's <c>PATH</c>), so a missing
    /// one is a clear input error before anything starts.
    /// </summary>
    private static string Executable(string program, ProcessStartInfo start)
    {
        var candidates = program.Contains('/')
            ? [Path.Combine(start.WorkingDirectory, program)]
            : (start.Environment.TryGetValue("PATH", out var path) ? path ?? "" : "")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, program));
        return candidates.FirstOrDefault(IsExecutable) is { } found
            ? found
            : throw new StepInputException($"cannot start '{program}': no such executable file" + (program.Contains('/') ? "" : " on the PATH"));
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    /// <summary>The program and its arguments are visible to every local user (<c>ps</c>): a secret there is refused.</summary>
    private static string RefuseSecret(StepContext context, string input, string value) =>
        !context.Secrets.Finds(value)
            ? value
            : throw new StepInputException(
                $"input '{input}' holds a secret, and a program's arguments are visible to every user of this machine: "
                + "pass the secret in 'env' and let the program read it from its environment");
}
