using Loader.Workflows;

namespace Loader.Running;

/// <summary>
/// The wait before each retry: <see cref="RetrySettings.Delay"/> doubled for every retry before it, plus up to a quarter more
/// at random (so that many failing tasks do not retry in step), never past <see cref="RetrySettings.MaxDelay"/>. The configured
/// delay is a floor and each wait is at least the one before, because the doubling outgrows the jitter.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The most jitter, as a share of the doubled delay.</summary>
    public const double MostJitter = 0.25;

    /// <summary>The wait before retry <paramref name="retry"/> (0 for the first) with jitter <paramref name="jitter"/> in [0, 1), a share of <see cref="MostJitter"/>.</summary>
    public static TimeSpan Before(RetrySettings settings, int retry, double jitter)
    {
        var doubled = settings.Delay.Ticks * Math.Pow(2, retry) * (1 + MostJitter * jitter);
        return doubled >= settings.MaxDelay.Ticks ? settings.MaxDelay : TimeSpan.FromTicks((long)doubled);
    }
}
