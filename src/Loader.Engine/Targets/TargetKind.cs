namespace Loader.Targets;

/// <summary>What kind of output a target is, which decides when it counts as existing.</summary>
public enum TargetKind
{
    /// <summary>A file the step writes; it appears under its name only when the step succeeds.</summary>
    File,

    /// <summary>A folder the step fills; it appears under its name only when the step succeeds.</summary>
    Folder,

    /// <summary>A folder that counts only when its <c>_SUCCESS</c> flag exists; the flag is written last.</summary>
    Flag,

    /// <summary>A marker written by the runner after the step succeeds, recording the task and its run.</summary>
    Marker,
}
