namespace Loader.Planning;

/// <summary>What the plan does with one task instance.</summary>
public enum PlanDecision
{
    /// <summary>Its outputs exist and nothing asks for it to be recomputed.</summary>
    Complete,

    /// <summary>An output is missing: it runs.</summary>
    Run,

    /// <summary>Its outputs exist but it is recomputed: inside the overwrite window, forced, or something it requires reruns.</summary>
    Overwrite,

    /// <summary>An external task whose data is not there yet.</summary>
    WaitingExternal,

    /// <summary>It cannot run: something it requires waits for external data.</summary>
    Blocked,
}
