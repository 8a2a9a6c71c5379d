namespace Loader.Sftp.Transfer;

/// <summary>
/// When a copy records its progress: after <see cref="Bytes"/> more bytes or <see cref="Interval"/> more time, whichever
/// comes first, so that a killed download loses little on a fast link and on a slow one alike.
/// </summary>
internal sealed class CheckpointCadence(TimeProvider clock)
{
    /// <summary>How many bytes written since the last checkpoint call for the next one.</summary>
    /// <remarks>At 200 MB/s about a dozen fsyncs a second, each of a few milliseconds, beside the copy.</remarks>
    public const long Bytes = 16L << 20;

    /// <summary>How long after the last checkpoint anything written calls for the next one.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _lastStarted = clock.GetTimestamp();

    /// <summary>Whether <paramref name="unrecorded"/> bytes, written since the last checkpoint started, call for one now.</summary>
    public bool IsDue(long unrecorded) =>
        unrecorded >= Bytes || (unrecorded > 0 && clock.GetElapsedTime(_lastStarted) >= Interval);

    /// <summary>Notes that a checkpoint starts now.</summary>
    public void Started() => _lastStarted = clock.GetTimestamp();
}
