using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>
/// Task instances of a bound graph that would write the same output, each replacing the other's: a mistake in the
/// workflows, refused before anything runs.
/// </summary>
internal static class SharedOutputs
{
    /// <summary>Throws <see cref="WorkflowException"/> naming both writers, and where each declares the output, for every place written twice.</summary>
    public static void ThrowIfAny(IEnumerable<TaskInstance> instances)
    {
        var writers = new Dictionary<string, (TaskInstance Task, OutputDefinition Output)>(StringComparer.Ordinal);
        var reported = new HashSet<(OutputDefinition, OutputDefinition)>();
        var problems = new List<Diagnostic>();
        foreach (var instance in instances)
        {
            for (var i = 0; i < instance.Outputs.Count; i++)
            {
                if (instance.Outputs[i].Place is not { } place)
                {
                    continue;
                }
                var output = instance.Definition.Outputs[i];
                if (writers.TryAdd(place, (instance, output)))
                {
                    continue;
                }
                var first = writers[place];
                // One problem per pair of declarations, not one per day of a fan-out.
                if (reported.Add((first.Output, output)))
                {
                    problems.Add(new Diagnostic(output.Span, Message(first.Task, first.Output, instance, output, instance.Outputs[i].Location)));
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new WorkflowException(problems);
        }
    }

    private static string Message(TaskInstance first, OutputDefinition firstOutput, TaskInstance second, OutputDefinition secondOutput, string location)
    {
        if (first == second)
        {
            return BothOutputs(second.Family, location, firstOutput, secondOutput);
        }
        if (first.Family == second.Family)
        {
            return $"task '{second.Family}' writes {location} for both {first} and {second}, each replacing the other's output: "
                + "give its output a path that differs per instance, such as one with ${date} in it";
        }
        return BothTasks(first.Family, firstOutput, second.Family, $"{location} ({first} and {second})");
    }

    /// <summary>One task declaring two outputs at one place.</summary>
    internal static string BothOutputs(string family, string location, OutputDefinition first, OutputDefinition second) =>
        $"task '{family}' writes {location} as both output '{first.Name}' ({first.Span}) and output '{second.Name}': give each output its own path";

    /// <summary>Two tasks writing one place; <paramref name="place"/> says where (and for which instances).</summary>
    internal static string BothTasks(string firstFamily, OutputDefinition firstOutput, string secondFamily, string place) =>
        $"tasks '{firstFamily}' ({firstOutput.Span}) and '{secondFamily}' both write {place}, each replacing the other's output: give each task its own path";
}
