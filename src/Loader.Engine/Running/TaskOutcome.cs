namespace Loader.Running;

/// <summary>How one task instance ended up in a run, as the execution summary groups them.</summary>
public enum TaskOutcome
{
    /// <summary>Its outputs already existed.</summary>
    AlreadyComplete,

    /// <summary>It ran and succeeded.</summary>
    Succeeded,

    /// <summary>It ran and failed, retries included.</summary>
    Failed,

    /// <summary>It was cancelled while running, or before it could start.</summary>
    Cancelled,

    /// <summary>Another runner completed it while this run waited.</summary>
    CompletedElsewhere,

    /// <summary>Another runner holds its lease and this run did not wait.</summary>
    RunningElsewhere,

    /// <summary>Something it requires failed or could not run.</summary>
    UpstreamFailed,

    /// <summary>External data it needs is not there yet.</summary>
    MissingExternalData,
}
