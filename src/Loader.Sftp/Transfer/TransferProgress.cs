using System.Globalization;

namespace Loader.Sftp.Transfer;

/// <summary>Turns byte counts into "120.0 MB of 900.0 MB, 85.3 MB/s" lines, at most about one a second.</summary>
internal sealed class TransferProgress(TimeProvider clock, Action<string> report)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private long _startTimestamp = clock.GetTimestamp();
    private long _startBytes;
    private long _lastReported = long.MinValue;
    private long _total;

    /// <summary>Starts measuring the rate afresh (a new connection) at <paramref name="bytes"/> done of <paramref name="total"/>.</summary>
    public void Restart(long bytes, long total)
    {
        _startTimestamp = clock.GetTimestamp();
        _startBytes = bytes;
        _total = total;
    }

    /// <summary>Reports <paramref name="done"/> bytes when a second has passed since the last report, or when <paramref name="force"/>.</summary>
    public void Report(long done, bool force = false)
    {
        var now = clock.GetTimestamp();
        if (!force && _lastReported != long.MinValue && clock.GetElapsedTime(_lastReported, now) < Every)
        {
            return;
        }
        _lastReported = now;
        report(Describe(done, now));
    }

    /// <summary>The bytes per second since the last restart.</summary>
    public double Rate(long done) => Rate(done, clock.GetTimestamp());

    private string Describe(long done, long now) => string.Format(
        CultureInfo.InvariantCulture, "{0:F1} MB of {1:F1} MB, {2:F1} MB/s", done / 1e6, _total / 1e6, Rate(done, now) / 1e6);

    private double Rate(long done, long now)
    {
        var seconds = clock.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        return seconds > 0 ? (done - _startBytes) / seconds : 0;
    }
}
