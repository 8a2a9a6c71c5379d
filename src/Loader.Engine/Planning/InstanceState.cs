namespace Loader.Planning;

/// <summary>
/// What a task instance is now, from its outputs and the state store, whatever a run would do next; in the order a
/// summary lists them, the ones that need a look first.
/// </summary>
public enum InstanceState
{
    /// <summary>Its latest attempt failed, and none succeeded since.</summary>
    Failed,

    /// <summary>A runner holds its lease: it runs now.</summary>
    Running,

    /// <summary>An external task whose data is not there yet, or a task that requires one.</summary>
    WaitingForData,

    /// <summary>An output is missing: the next run makes it.</summary>
    Missing,

    /// <summary>Its outputs exist, and the next run recomputes them: the last days of the overwrite window.</summary>
    OverwriteWindow,

    /// <summary>Its outputs exist.</summary>
    Complete,
}
