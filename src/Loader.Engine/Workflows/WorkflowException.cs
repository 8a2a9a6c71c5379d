namespace Loader.Workflows;

/// <summary>A workflow, its parameters or its arguments are invalid; each problem names its file, line and column.</summary>
public sealed class WorkflowException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>A single problem.</summary>
    public WorkflowException(SourceSpan span, string message) : this([new Diagnostic(span, message)])
    {
    }
}
