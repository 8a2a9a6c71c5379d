using Loader.Expressions;

namespace Loader.Workflows;

/// <summary>Something a task needs complete before it runs.</summary>
public abstract record Requirement(SourceSpan Span);

/// <summary>Another task of the same workflow: the same day for two per-day tasks over one interval, else every instance.</summary>
public sealed record TaskRequirement(string Family, SourceSpan Span) : Requirement(Span);

/// <summary>Another workflow, with parameter values given as templates over this task's scope.</summary>
public sealed record WorkflowRequirement(string Workflow, IReadOnlyDictionary<string, Template> With, SourceSpan Span)
    : Requirement(Span);
