using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>
/// Reads the workflow parameters that follow a workflow name: <c>--name value</c> or <c>--name=value</c>, or a bare
/// <c>--name</c> (<see cref="ParameterArgument.NoValue"/>). A parameter given twice is an error.
/// </summary>
internal static class WorkflowArguments
{
    /// <summary>The parameters by name as given; a parameter given twice (<c>--a-b</c> and <c>--a_b</c> count as one) is refused.</summary>
    public static Dictionary<string, string> Parse(IReadOnlyList<string> tokens)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new WorkflowException(SourceSpan.None, $"unexpected argument '{token}': workflow parameters are given as --name value");
            }
            var name = token[2..];
            string value;
            var equals = name.IndexOf('=');
            if (equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }
            else
            {
                // A bare flag: true for a boolean parameter, an error for others, once the parameter's type is known.
                value = ParameterArgument.NoValue;
            }
            // No values in the message: the parameter may be a secret.
            if (!given.TryAdd(name.Replace('-', '_'), name))
            {
                var first = given[name.Replace('-', '_')];
                throw new WorkflowException(SourceSpan.None,
                    $"parameter --{name} is given twice{(first == name ? "" : $" (as --{first} and --{name})")}: give it once");
            }
            arguments[name] = value;
        }
        return arguments;
    }
}
