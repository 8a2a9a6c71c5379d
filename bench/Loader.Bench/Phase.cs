namespace Loader.Bench;

/// <summary>What one child process measures.</summary>
internal enum Phase
{
    /// <summary>Bind, plan and run the whole graph in an empty folder.</summary>
    Cold,

    /// <summary>Bind and plan again once every output exists: nothing to run.</summary>
    Complete,
}
