namespace Loader.Running;

/// <summary>The process exit codes, one per kind of failure, so a scheduler can tell them apart.</summary>
public static class ExitCodes
{
    /// <summary>Everything requested is complete.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug): the message says what happened.</summary>
    public const int InternalError = 1;

    /// <summary>The workflow, its parameters, the configuration or the command line is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>Some task is being run by another runner, and this run did not wait for it.</summary>
    public const int RunningElsewhere = 10;

    /// <summary>External data a task needs is missing.</summary>
    public const int MissingExternalData = 20;

    /// <summary>A task failed after its retries.</summary>
    public const int TaskFailed = 30;

    /// <summary>The state store stayed locked by another process for longer than <c>state.lock_wait</c>.</summary>
    public const int StateStoreLocked = 40;

    /// <summary>The state store's file is damaged or is not a state store.</summary>
    public const int StateStoreDamaged = 41;

    /// <summary>The state store's file or folder cannot be written.</summary>
    public const int StateStoreReadOnly = 42;

    /// <summary>The disk holding the state store is full.</summary>
    public const int StateStoreDiskFull = 43;

    /// <summary>The state store cannot be opened: its path is a folder, or the disk gives I/O errors.</summary>
    public const int StateStoreUnusable = 44;

    /// <summary>The run was cancelled (Ctrl-C or SIGTERM).</summary>
    public const int Cancelled = 130;
}
