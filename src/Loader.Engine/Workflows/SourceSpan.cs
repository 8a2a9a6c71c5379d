namespace Loader.Workflows;

/// <summary>A place in a workflow or configuration file, for error messages; line 0 stands for the file as a whole.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>A place outside any file (a command-line value, a built-in default).</summary>
    public static SourceSpan None { get; } = new("", 0, 0);

    /// <inheritdoc />
    public override string ToString() => File.Length == 0 ? "(command line)" : Line <= 0 ? File : $"{File}:{Line}:{Column}";
}
