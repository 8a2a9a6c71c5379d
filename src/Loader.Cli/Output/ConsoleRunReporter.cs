using Loader.Cli.Hosting;
using Loader.Events;
using Loader.Running;

namespace Loader.Cli.Output;

/// <summary>Shows a run to people or scripts: live progress on a terminal, milestone lines when redirected or under CI, JSON at the end for scripts.</summary>
internal abstract class ConsoleRunReporter : IRunEventSink
{
    public static ConsoleRunReporter Create(OutputFormat format, bool verbose)
    {
        if (format == OutputFormat.Json)
        {
            return new JsonRunReporter();
        }
        var plain = Console.IsOutputRedirected
            || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return plain ? new PlainRunReporter(verbose) : new LiveRunReporter(verbose);
    }

    /// <inheritdoc />
    public abstract void Emit(RunEvent runEvent);

    /// <summary>Runs <paramref name="run"/> inside whatever display the reporter keeps while it runs.</summary>
    public virtual Task<RunResult> WrapAsync(Func<Task<RunResult>> run) => run();

    /// <summary>Prints the end of the run: the execution summary.</summary>
    public virtual void Finish(RunResult result) => Console.Out.Write(ExecutionSummary.Render(result));
}
