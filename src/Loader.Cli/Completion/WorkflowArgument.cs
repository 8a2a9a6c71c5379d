using System.CommandLine;
using Loader.Cli.Hosting;

namespace Loader.Cli.Completion;

/// <summary>The <c>workflow</c> argument of <c>run</c>, <c>plan</c>, <c>show</c>, <c>graph</c> and <c>remote</c>; completes to the workflow folder's workflows.</summary>
internal static class WorkflowArgument
{
    private const string Name = "workflow";

    /// <summary>A workflow name argument described by <paramref name="description"/>.</summary>
    public static Argument<string> Create(GlobalOptions global, string description)
    {
        var argument = new Argument<string>(Name) { Description = description };
        argument.CompletionSources.Add(context => IsBeingTyped(context.ParseResult, argument)
            ? WorkflowCompletions.Names(context.ParseResult, global)
            : []);
        return argument;
    }

    /// <summary>
    /// The workflow argument of a command that takes workflow parameters after it (<c>loader run W --name value</c>),
    /// or null.
    /// </summary>
    public static Argument<string>? OfParameterCommand(Command command) =>
        command.TreatUnmatchedTokensAsErrors ? null : command.Arguments.OfType<Argument<string>>().FirstOrDefault(a => a.Name == Name);

    // A command's completions include its arguments' at every word; the name is offered only where it is typed.
    private static bool IsBeingTyped(ParseResult parse, Argument<string> argument) =>
        parse.GetResult(argument) is not { Tokens: [var token] } || ReferenceEquals(token, parse.Tokens[^1]);
}
