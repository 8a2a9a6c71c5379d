using System.Text.Json;
using Loader.Events;
using Loader.Running;

namespace Loader.Cli.Output;

/// <summary>Prints nothing while running and one JSON document at the end, for scripts.</summary>
internal sealed class JsonRunReporter : ConsoleRunReporter
{
    /// <inheritdoc />
    public override void Emit(RunEvent runEvent)
    {
    }

    /// <inheritdoc />
    public override void Finish(RunResult result)
    {
        var document = new
        {
            run = result.RunId,
            workflow = result.Plan.Graph.Root.Workflow.Name,
            exitCode = result.ExitCode,
            counts = Enum.GetValues<TaskOutcome>().Where(o => result.Count(o) > 0).ToDictionary(o => Json.Name(o), o => result.Count(o)),
            tasks = result.Outcomes.OrderBy(o => o.Key.Order).Select(o => new
            {
                task = o.Key.Id.Text,
                key = o.Key.Id.Key,
                outcome = Json.Name(o.Value.Outcome),
                reason = o.Value.Reason,
            }),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(document, Json.Options));
    }
}
