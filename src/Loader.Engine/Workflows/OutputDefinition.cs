using Loader.Expressions;
using Loader.Targets;

namespace Loader.Workflows;

/// <summary>A named output of a task: a target kind and a path template.</summary>
public sealed record OutputDefinition(string Name, TargetKind Kind, Template Path, SourceSpan Span);
