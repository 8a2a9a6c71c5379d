using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using Loader.Cli.Hosting;

namespace Loader.Cli.Completion;

/// <summary>
/// <c>loader complete --position N -- WORDS...</c>, hidden: what the shell scripts of <c>loader completion</c> call on
/// each TAB. Prints the completions of word N of the command line WORDS (the program's name first), one a line.
/// Never fails: a command line it cannot complete prints nothing, so nothing lands in the user's terminal.
/// </summary>
internal static class CompleteCommand
{
    public static Command Create(GlobalOptions global)
    {
        var position = new Option<int>("--position") { Description = "The index in WORDS of the word to complete; the program's name is 0" };
        var words = new Argument<string[]>("words") { Description = "The command line's words", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("complete", "Print the completions of one word of a loader command line (for the shell completion scripts)")
        {
            Hidden = true,
        };
        command.Options.Add(position);
        command.Arguments.Add(words);
        command.SetAction(parse =>
        {
            var line = Line(parse.GetValue(words) ?? [], parse.GetValue(position));
            foreach (var completion in Completions(parse.RootCommandResult.Command, global, line))
            {
                Console.Out.WriteLine(completion);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The words after the program's name up to the one to complete, which is last (empty when the cursor is past the end).</summary>
    private static IReadOnlyList<string> Line(IReadOnlyList<string> words, int position) =>
        position < 1 ? [] : [.. words.Skip(1).Take(position - 1), position < words.Count ? words[position] : ""];

    private static IEnumerable<string> Completions(Command root, GlobalOptions global, IReadOnlyList<string> line)
    {
        if (line.Count == 0)
        {
            return [];
        }
        try
        {
            var parse = root.Parse(line);
            if (WorkflowArgument.OfParameterCommand(parse.CommandResult.Command) is { } workflow
                && WorkflowCompletions.Requested(parse, workflow, global) is { } requested)
            {
                // Workflow parameters are not options of the command (it takes any --name value); for completing they are.
                var command = parse.CommandResult.Command;
                var taken = command.Options.Concat(root.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
                foreach (var parameter in WorkflowCompletions.ParameterOptions(requested).Where(o => !taken.Contains(o.Name)))
                {
                    command.Options.Add(parameter);
                }
                parse = root.Parse(line);
            }
            var word = line[^1];
            var given = Given(parse);
            return Candidates(parse, root, line)
                .Select(c => c.InsertText ?? c.Label)
                .Where(c => c.StartsWith(word, StringComparison.Ordinal) && !IsShortOption(c) && !given.Contains(c))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A TAB must never print an error into the terminal: no completion is the answer to anything unexpected.
            return [];
        }
    }

    /// <summary>
    /// The completions of the command line's last word. The library reads a word of shell completion as more than it
    /// is: <c>--</c> ends its options, an empty word fills the value of the option before it. So a word that starts
    /// with a dash and the word after a flag (<c>--plan</c>) complete to the command's options, the word after an option
    /// that takes a value to that option's values, any other to what the library offers there.
    /// </summary>
    private static IEnumerable<CompletionItem> Candidates(ParseResult parse, Command root, IReadOnlyList<string> line)
    {
        var command = parse.CommandResult.Command;
        var before = line.Count > 1 ? line[^2] : "";
        var option = command.Options.Concat(root.Options.Where(o => o.Recursive))
            .FirstOrDefault(o => o.Name == before || o.Aliases.Contains(before));
        return option switch
        {
            _ when line[^1].StartsWith('-') => command.GetCompletions(parse.GetCompletionContext()),
            null => parse.GetCompletions(),
            Option<bool> => command.GetCompletions(parse.GetCompletionContext()),
            _ => option.GetCompletions(parse.GetCompletionContext()),
        };
    }

    /// <summary>The options already given before the word to complete that take one value at most: they are not offered again.</summary>
    private static HashSet<string> Given(ParseResult parse) =>
        parse.CommandResult.Children.Concat(parse.RootCommandResult.Children).OfType<OptionResult>()
            .Where(o => o.IdentifierToken is { } token && !ReferenceEquals(token, parse.Tokens[^1]) && o.Option.Arity.MaximumNumberOfValues <= 1)
            .Select(o => o.Option.Name)
            .ToHashSet(StringComparer.Ordinal);

    // -h, -? and /h are help's aliases; offering them beside --help only crowds the list.
    private static bool IsShortOption(string completion) =>
        completion.StartsWith('/') || (completion.StartsWith('-') && !completion.StartsWith("--", StringComparison.Ordinal));
}
