using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>Reads the workflow parameters that follow a workflow name: <c>--name value</c> or <c>--name=value</c>.</summary>
internal static class WorkflowArguments
{
    public static Dictionary<string, string> Parse(IReadOnlyList<string> tokens)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
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
                // A bare flag is a boolean parameter set to true, as in Luigi.
                value = "true";
            }
            arguments[name] = value;
        }
        return arguments;
    }
}
