using Loader.Sftp.Transfer;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Sftp.Tests.Transfer;

public sealed class TransferProgressTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _lines = [];

    [Fact]
    public void Reports_at_most_once_a_second_with_megabytes_and_rate()
    {
        var progress = new TransferProgress(_clock, _lines.Add);
        progress.Restart(0, 900_000_000);

        progress.Report(1_000_000);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        progress.Report(50_000_000);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        progress.Report(120_000_000);

        Assert.Equal(["1.0 MB of 900.0 MB, 0.0 MB/s", "120.0 MB of 900.0 MB, 120.0 MB/s"], _lines);
    }

    [Fact]
    public void Rate_counts_only_bytes_fetched_since_the_restart()
    {
        var progress = new TransferProgress(_clock, _lines.Add);
        progress.Restart(500_000_000, 900_000_000);
        _clock.Advance(TimeSpan.FromSeconds(2));

        progress.Report(600_000_000, force: true);

        Assert.Equal(["600.0 MB of 900.0 MB, 50.0 MB/s"], _lines);
    }

    [Fact]
    public void Forced_report_is_never_throttled()
    {
        var progress = new TransferProgress(_clock, _lines.Add);
        progress.Restart(0, 10);

        progress.Report(5);
        progress.Report(10, force: true);

        Assert.Equal(2, _lines.Count);
    }
}
