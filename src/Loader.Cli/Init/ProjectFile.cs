namespace Loader.Cli.Init;

/// <summary>One file <c>loader init</c> writes into a new project.</summary>
/// <param name="Path">Where it goes, relative to the project folder, with <c>/</c> between folders.</param>
/// <param name="Template">The embedded template it is written from (its name under <c>Init/Template/</c>).</param>
/// <param name="Purpose">What it is for, as the list of created files says.</param>
/// <param name="Private">Whether only its owner may read it (mode 600), as secrets need.</param>
internal sealed record ProjectFile(string Path, string Template, string Purpose, bool Private = false);
