using System.Globalization;

namespace Loader.Students.Loading;

/// <summary>Reports, about once a second, students sent, the rate over the last second and how far into the file the load is.</summary>
internal sealed class LoadProgress(LoadTally tally, Func<long> acknowledgedOffset, long fileLength, bool dryRun, TimeProvider clock, Action<string> report)
{
    private long _lastCount;
    private long _lastTimestamp = clock.GetTimestamp();

    /// <summary>Reports until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                report(Line());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The progress line now.</summary>
    public string Line()
    {
        var count = dryRun ? tally.Read : tally.Posted;
        var now = clock.GetTimestamp();
        var seconds = clock.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? (count - _lastCount) / seconds : 0;
        (_lastCount, _lastTimestamp) = (count, now);
        var offset = acknowledgedOffset();
        var percent = fileLength > 0 ? 100.0 * offset / fileLength : 100;
        var rejected = tally.Rejected > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {tally.Rejected:N0} rows rejected") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} students {(dryRun ? "mapped" : "posted")}, {rate:N0} students/s; byte {offset:N0} of {fileLength:N0} ({percent:0.0}%){rejected}");
    }
}
