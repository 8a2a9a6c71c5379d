namespace Loader.Workflows;

/// <summary>How a task's failed attempts are retried: exponential backoff with jitter.</summary>
/// <param name="Attempts">The most attempts in one run, the first included.</param>
/// <param name="Delay">The delay before the first retry; it doubles each time.</param>
/// <param name="MaxDelay">The longest delay between two attempts.</param>
public sealed record RetrySettings(int Attempts, TimeSpan Delay, TimeSpan MaxDelay)
{
    /// <summary>One attempt, no retry.</summary>
    public static RetrySettings None { get; } = new(1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
}
