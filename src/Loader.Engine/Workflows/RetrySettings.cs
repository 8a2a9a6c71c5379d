namespace Loader.Workflows;

/// <summary>How a task's failed attempts are retried: exponential backoff from a floor, with bounded jitter.</summary>
/// <param name="Attempts">The most attempts in one run, the first included.</param>
/// <param name="Delay">The shortest delay before the first retry; it doubles for each retry after it (see <c>RetryBackoff</c>).</param>
/// <param name="MaxDelay">The longest delay between two attempts.</param>
public sealed record RetrySettings(int Attempts, TimeSpan Delay, TimeSpan MaxDelay)
{
    /// <summary>The most attempts a task may ask for: more hides a failure that needs a person.</summary>
    public const int MostAttempts = 100;

    /// <summary>The shortest delay before a retry, so that a failing task cannot hammer what it calls.</summary>
    public static readonly TimeSpan ShortestDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay or max_delay: a day, past which the run had better fail and be rerun.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);

    /// <summary>One attempt, no retry.</summary>
    public static RetrySettings None { get; } = new(1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
}
