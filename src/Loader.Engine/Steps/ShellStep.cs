using System.Diagnostics;

namespace Loader.Steps;

/// <summary>Runs a program, or a shell line through <c>/bin/sh -c</c>, capturing its output to the attempt's log.</summary>
public sealed class ShellStep : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "shell",
        "Runs a command; a non-zero exit code fails the attempt.",
        [
            new StepInput("command", "string", true, null, "The program to run, or a whole shell line when 'args' is not given."),
            new StepInput("args", "list", false, null, "Arguments passed to the program as they are, without a shell."),
            new StepInput("env", "map", false, null, "Environment variables added for the command."),
            new StepInput("workdir", "string", false, null, "The folder the command runs in (default: the current folder)."),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var command = context.RequiredText("command");
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = context.Text("workdir") is { Length: > 0 } folder ? Path.GetFullPath(folder) : Environment.CurrentDirectory,
        };
        if (context.Inputs.ContainsKey("args"))
        {
            start.FileName = command;
            foreach (var arg in context.List("args"))
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
        }
        foreach (var (name, value) in context.Map("env"))
        {
            start.Environment[name] = value;
        }
        foreach (var (name, path) in context.Outputs)
        {
            start.Environment[$"LOADER_OUTPUT_{name.ToUpperInvariant()}"] = path;
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) context.Log.Line(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) context.Log.Line(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new StepInputException($"cannot start '{start.FileName}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        // A Ctrl-C reaches the child too; when it exits first, the attempt was still cancelled, not failed.
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            var tail = context.Log.Tail(5);
            throw new StepFailedException(
                $"command exited with code {process.ExitCode}" + (tail.Length > 0 ? $"; last output:{Environment.NewLine}{tail}" : ""));
        }
    }
}
