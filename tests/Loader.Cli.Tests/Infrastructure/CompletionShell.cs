namespace Loader.Cli.Tests.Infrastructure;

/// <summary>
/// Real bash or zsh, with the script <c>loader completion SHELL</c> prints loaded and <c>loader</c> the built one, asked
/// to complete command lines the way a TAB does: <c>COMP_WORDS</c>/<c>COMP_CWORD</c> and <c>_loader</c> in bash (and
/// again through <c>compgen -F _loader</c>, completions listed under <c>compgen LINE</c>),
/// <c>words</c>/<c>CURRENT</c> and <c>_loader</c> in zsh (whose <c>compadd</c> and <c>compdef</c>, builtins of its
/// completion system, print what they are given).
/// </summary>
internal static class CompletionShell
{
    private const string Bash = """
        host=$1 dll=$2; shift 2
        loader() { "$host" "$dll" "$@"; }
        source <(loader completion bash)
        complete -p loader
        for line in "$@"; do
            read -ra COMP_WORDS <<< "$line"
            [[ $line == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMPREPLY=()
            _loader
            printf '> %s\n' "$line"
            printf '%s\n' "${COMPREPLY[@]}"
            # The same through compgen, which keeps COMP_WORDS and gives no position (its -F warning aside).
            printf '> compgen %s\n' "$line"
            compgen -F _loader -- "${COMP_WORDS[COMP_CWORD]}" 2> >(grep -v 'may not work as you expect' >&2)
        done
        """;

    private const string Zsh = """
        host=$1 dll=$2; shift 2
        loader() { "$host" "$dll" "$@"; }
        compdef() { print -r -- "compdef $*"; }
        compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
        _files() { print -r -- '(files)'; }
        source <(loader completion zsh)
        for line in "$@"; do
            words=(${=line})
            [[ $line == *' ' ]] && words+=('')
            CURRENT=${#words}
            print -r -- "> $line"
            _loader
        done
        """;

    /// <summary>
    /// Completes each of <paramref name="lines"/> (words split at spaces; the last word, empty after a trailing space,
    /// is the one completed) in <paramref name="shell"/>, in <paramref name="folder"/>. Returns the shell's whole run
    /// and the completions by line.
    /// </summary>
    public static async Task<(LoaderResult Run, IReadOnlyDictionary<string, IReadOnlyList<string>> Completions)> CompleteAsync(
        WorkFolder folder, string shell, params string[] lines)
    {
        var run = await folder.Start(lines, launcher: [shell, "-c", shell == "zsh" ? Zsh : Bash, shell]).WaitAsync(WorkFolder.CommandTimeout);
        var completions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var output in run.Stdout.Split('\n'))
        {
            if (output.StartsWith("> ", StringComparison.Ordinal))
            {
                completions[output[2..]] = current = [];
            }
            else if (current is not null && output.Length > 0)
            {
                current.Add(output);
            }
        }
        return (run, completions);
    }
}
