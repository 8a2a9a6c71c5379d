using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Running;
using Loader.State;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader cancel RUN [--wait]</c>: cancels a run, whichever process runs it (<c>loader run</c>, <c>loader serve</c>, a
/// Studio), through the state store; its runner stops it as Ctrl-C does.
/// </summary>
internal static class CancelCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static Command Create(GlobalOptions global)
    {
        var runId = new Argument<long>("run") { Description = "The run's id, as 'loader history' lists it" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run has ended, and say how it ended" };
        var command = new Command("cancel", "Cancel a running run, wherever it was started: its runner stops its steps and records it cancelled");
        command.Arguments.Add(runId);
        command.Options.Add(wait);
        command.SetAction(async (parse, cancellationToken) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            var id = parse.GetValue(runId);
            await using var state = await host.OpenStateAsync(cancellationToken);
            var answer = await RunCancellation.RequestAsync(state, id, $"loader cancel ({LeaseHolders.ThisProcess})", host.Clock, cancellationToken);
            var run = answer.Run;
            switch (answer.Outcome)
            {
                case CancelOutcome.Unknown:
                    throw new ArgumentException($"no run {id} in the history: 'loader history' lists the runs");
                case CancelOutcome.Ended:
                    throw new ArgumentException($"run {id} ({run!.Workflow}) has already ended: {Status(run.Status)}");
                case CancelOutcome.Closed:
                    Console.WriteLine($"run {id} ({run!.Workflow}): its runner {run.Runner} had died; the run is closed as abandoned");
                    return ExitCodes.Success;
            }
            Console.WriteLine($"run {id} ({run!.Workflow}, runner {run.Runner}): cancel {(answer.Outcome == CancelOutcome.Requested ? "requested" : "already requested")}; its runner stops it within seconds");
            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }
            while ((await state.GetRunAsync(id, cancellationToken))?.Status is RunStatus.Running)
            {
                await Task.Delay(Poll, cancellationToken);
            }
            var ended = await state.GetRunAsync(id, cancellationToken);
            Console.WriteLine($"run {id} {Status(ended!.Status)}{(ended.Summary is { Length: > 0 } summary ? $": {summary}" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Status(RunStatus status) => status.ToString().ToLowerInvariant();
}
