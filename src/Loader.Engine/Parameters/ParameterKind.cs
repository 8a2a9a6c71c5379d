namespace Loader.Parameters;

/// <summary>The types a workflow parameter can take.</summary>
public enum ParameterKind
{
    String,
    Int,
    Float,
    Bool,
    Date,
    Hour,
    Month,
    Interval,
    Duration,
    Enum,
    List,
}
