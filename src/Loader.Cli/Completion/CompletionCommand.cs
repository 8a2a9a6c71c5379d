using System.CommandLine;

namespace Loader.Cli.Completion;

/// <summary>
/// <c>loader completion bash|zsh</c>: prints the shell's completion script. Each TAB runs <c>loader complete</c>, so
/// commands, options, workflow names and each workflow's parameters complete as this <c>loader</c> reads them.
/// </summary>
internal static class CompletionCommand
{
    private static readonly string[] Shells = ["bash", "zsh"];

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completion",
            "Print the shell completion script: source <(loader completion bash), or loader completion zsh > \"${fpath[1]}/_loader\"");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!));
            return 0;
        });
        return command;
    }

    private static string Script(string shell)
    {
        using var stream = typeof(CompletionCommand).Assembly.GetManifestResourceStream($"completion.{shell}")
            ?? throw new InvalidOperationException($"the {shell} completion script is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
