namespace Loader.State;

/// <summary>
/// The state store cannot be used: locked, damaged, read-only, on a full disk or not a file. The message names the
/// store, says what is wrong and what to do; <see cref="ExitCode"/> tells the kinds apart (see <see cref="Running.ExitCodes"/>).
/// </summary>
public sealed class StateStoreException(string message, int exitCode, Exception? inner = null) : IOException(message, inner)
{
    /// <summary>The process exit code for this kind of failure.</summary>
    public int ExitCode { get; } = exitCode;
}
