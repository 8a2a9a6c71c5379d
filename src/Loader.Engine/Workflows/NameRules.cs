using System.Text.RegularExpressions;

namespace Loader.Workflows;

/// <summary>
/// The characters names may hold. Workflow, task and output names are letters, digits, <c>_</c> and <c>-</c>
/// (expressions such as <c>${tasks.Family.outputs.NAME}</c> can name them, and a task's name becomes part of its log
/// file's name); parameter names are letters, digits and <c>_</c>, as <c>--name</c> on the command line reads
/// <c>-</c> as <c>_</c>. Every name starts with a letter or <c>_</c> and is at most <see cref="MaxLength"/> characters.
/// </summary>
internal static partial class NameRules
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a <paramref name="kind"/> (workflow, task, output, parameter), or null when it can.</summary>
    public static string? Problem(string kind, string name)
    {
        var parameter = kind == "parameter";
        if (name.Length <= MaxLength && (parameter ? ParameterName() : Name()).IsMatch(name))
        {
            return null;
        }
        var allowed = parameter ? "letters, digits and '_'" : "letters, digits, '_' and '-'";
        var shown = name.Length > MaxLength ? name[..MaxLength] + "..." : name;
        return $"{kind} name '{shown}' is not allowed: use {allowed}, starting with a letter or '_', at most {MaxLength} characters";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
