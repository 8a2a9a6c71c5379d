namespace Loader.Cli.Init;

/// <summary>
/// What <c>loader init</c> lays out: a workflow to start from, public and private configuration and a
/// <c>.gitignore</c> for what runs produce. Nothing already there is overwritten.
/// </summary>
internal static class ProjectLayout
{
    /// <summary>The workflow the new project starts from.</summary>
    public const string Workflow = "DailyCounts";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Every file of a new project, in the order they are listed.</summary>
    public static IReadOnlyList<ProjectFile> Files { get; } =
    [
        new("workflows/daily-counts.yml", "daily-counts.yml", $"a workflow to start from: {Workflow}, a file per day and a report over them"),
        new("config/default.yml", "default.yml", "public settings, committed"),
        new("config/secret.yml", "secret.yml", "private settings (passwords, tokens): mode 600, never committed", Private: true),
        new(".gitignore", "gitignore", "keeps data/, .loader/ and config/secret.yml out of git"),
    ];

    /// <summary>The files of a new project that already exist in <paramref name="folder"/>, as relative paths.</summary>
    public static IReadOnlyList<string> Existing(string folder) =>
        [.. Files.Select(f => f.Path).Where(path => Path.Exists(Path.Combine(folder, path)))];

    /// <summary>Writes every file into <paramref name="folder"/>, creating it; a file that appeared meanwhile is not overwritten.</summary>
    public static void Write(string folder)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (file.Private && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }
            using var target = new FileStream(path, options);
            using var template = typeof(ProjectLayout).Assembly.GetManifestResourceStream($"Init/Template/{file.Template}")
                ?? throw new InvalidOperationException($"the project template {file.Template} is not built into loader");
            template.CopyTo(target);
        }
    }
}
