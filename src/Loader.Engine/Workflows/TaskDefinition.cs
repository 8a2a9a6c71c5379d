using Loader.Expressions;

namespace Loader.Workflows;

/// <summary>A task as written in a workflow file.</summary>
/// <param name="Family">The task's name; unique across every loaded workflow, as a Luigi family is.</param>
/// <param name="Workflow">The name of the workflow that declares it.</param>
/// <param name="Description">Help text.</param>
/// <param name="Uses">The step type that does the work, such as <c>shell</c>.</param>
/// <param name="With">The step's inputs, as templates.</param>
/// <param name="Requires">What must be complete before it runs.</param>
/// <param name="Outputs">The targets whose existence makes it complete.</param>
/// <param name="PerDay">The interval parameter it fans out over, one instance per day, or null.</param>
/// <param name="OverwriteNDays">How many of the interval's last days are recomputed even when complete.</param>
/// <param name="Retry">How failed attempts are retried.</param>
/// <param name="Timeout">The longest one attempt may take, or null.</param>
/// <param name="RunsOn">Where the step runs: <c>local</c> unless the file says otherwise.</param>
/// <param name="Span">Where the task is declared.</param>
public sealed record TaskDefinition(
    string Family,
    string Workflow,
    string? Description,
    string Uses,
    TemplateValue With,
    IReadOnlyList<Requirement> Requires,
    IReadOnlyList<OutputDefinition> Outputs,
    string? PerDay,
    Template? OverwriteNDays,
    RetrySettings Retry,
    Template? Timeout,
    string RunsOn,
    SourceSpan Span)
{
    /// <summary>The interval parameter it fans out over, one instance per hour (UTC), or null.</summary>
    public string? PerHour { get; init; }

    /// <summary>How many of the interval's last hours a per-hour task recomputes even when complete.</summary>
    public Template? OverwriteNHours { get; init; }

    /// <summary>The interval parameter it fans out over, by day or by hour, or null.</summary>
    public string? FansOutOver => PerDay ?? PerHour;
}
