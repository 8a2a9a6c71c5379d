using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Parameters;
using Loader.Workflows;

namespace Loader.Cli.Completion;

/// <summary>
/// What the workflow folder (<c>--workflows</c>, default <c>workflows/</c>) offers to complete: workflow names, task
/// families and workflow parameters. Read as <c>loader run</c> reads it, but silently: a file that does not read
/// offers nothing, the others still complete.
/// </summary>
internal static class WorkflowCompletions
{
    // One completion is one process; the catalog is read once however many symbols ask.
    private static readonly Dictionary<string, IReadOnlyList<WorkflowDefinition>> Read = new(StringComparer.Ordinal);

    /// <summary>The names of the workflows, in order.</summary>
    public static IEnumerable<string> Names(ParseResult parse, GlobalOptions global) =>
        Workflows(parse, global).Select(w => w.Name).Order(StringComparer.Ordinal);

    /// <summary>The task families of the workflow <paramref name="workflow"/> names, or of every workflow when it names none.</summary>
    public static IEnumerable<string> Families(ParseResult parse, Argument<string> workflow, GlobalOptions global) =>
        (Requested(parse, workflow, global) is { } requested ? [requested] : Workflows(parse, global))
            .SelectMany(w => w.Tasks).Select(t => t.Family).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The workflow <paramref name="workflow"/> names, or null when it names none that reads.</summary>
    public static WorkflowDefinition? Requested(ParseResult parse, Argument<string> workflow, GlobalOptions global) =>
        parse.GetResult(workflow) is { Tokens: [var token] }
            ? Workflows(parse, global).FirstOrDefault(w => w.Name == token.Value)
            : null;

    /// <summary>
    /// An option for each of <paramref name="workflow"/>'s parameters, as <c>loader run</c> takes them: <c>--name</c>
    /// with dashes, its choices as its completions.
    /// </summary>
    public static IEnumerable<Option> ParameterOptions(WorkflowDefinition workflow) => workflow.Parameters.Select(p =>
    {
        var name = "--" + p.Name.Replace('_', '-');
        Option option = p.Kind == ParameterKind.Bool ? new Option<bool>(name) : new Option<string>(name);
        option.Description = p.Description;
        option.CompletionSources.Add([.. p.Choices]);
        return option;
    });

    private static IReadOnlyList<WorkflowDefinition> Workflows(ParseResult parse, GlobalOptions global)
    {
        var folder = parse.GetValue(global.Workflows) ?? "workflows";
        if (!Read.TryGetValue(folder, out var workflows))
        {
            try
            {
                workflows = WorkflowCatalog.Load([folder], StepCatalog.Create()).Workflows;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or WorkflowException)
            {
                workflows = [];
            }
            Read[folder] = workflows;
        }
        return workflows;
    }
}
