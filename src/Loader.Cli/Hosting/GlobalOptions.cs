using System.CommandLine;

namespace Loader.Cli.Hosting;

/// <summary>Options every command accepts: where workflows and configuration are, how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Workflows { get; } = new("--workflows")
    {
        Description = "The folder with the workflow files",
        DefaultValueFactory = _ => "workflows",
        Recursive = true,
    };

    public Option<string> ConfigFolder { get; } = new("--config-folder")
    {
        Description = "The folder with default.yml and secret.yml",
        DefaultValueFactory = _ => "config",
        Recursive = true,
    };

    public Option<string[]> ConfigFiles { get; } = new("--config")
    {
        Description = "An extra configuration file, above default.yml and secret.yml; or a https:// or s3:// URL, above default.yml and below secret.yml (repeatable)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<OutputFormat> Output { get; } = new("--output")
    {
        Description = "text for people, json for scripts",
        DefaultValueFactory = _ => OutputFormat.Text,
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "More detail, and stack traces for internal errors",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        // As the docs spell them; the enum's own completions are capitalised, and completion matches case.
        Output.CompletionSources.Clear();
        Output.CompletionSources.Add("text", "json");
        root.Options.Add(Workflows);
        root.Options.Add(ConfigFolder);
        root.Options.Add(ConfigFiles);
        root.Options.Add(Output);
        root.Options.Add(Verbose);
    }
}

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}
