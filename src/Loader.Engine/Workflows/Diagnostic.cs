namespace Loader.Workflows;

/// <summary>One problem found in a workflow file, with where it is.</summary>
public sealed record Diagnostic(SourceSpan Span, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Span.File.Length == 0 ? Message : $"{Span}: {Message}";
}
