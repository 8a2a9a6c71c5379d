using Loader.Sftp.Transfer;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Sftp.Tests.Transfer;

public sealed class CheckpointCadenceTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Enough_bytes_call_for_a_checkpoint_at_once()
    {
        var cadence = new CheckpointCadence(_clock);

        Assert.False(cadence.IsDue(CheckpointCadence.Bytes - 1));
        Assert.True(cadence.IsDue(CheckpointCadence.Bytes));
    }

    [Fact]
    public void A_few_bytes_call_for_a_checkpoint_once_the_interval_has_passed()
    {
        var cadence = new CheckpointCadence(_clock);

        _clock.Advance(CheckpointCadence.Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(cadence.IsDue(1));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(cadence.IsDue(1));
    }

    [Fact]
    public void Nothing_new_never_calls_for_a_checkpoint()
    {
        var cadence = new CheckpointCadence(_clock);

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(cadence.IsDue(0));
    }

    [Fact]
    public void The_interval_counts_from_the_last_checkpoint_started()
    {
        var cadence = new CheckpointCadence(_clock);
        _clock.Advance(TimeSpan.FromSeconds(5));

        cadence.Started();

        Assert.False(cadence.IsDue(1));
        _clock.Advance(CheckpointCadence.Interval);
        Assert.True(cadence.IsDue(1));
    }
}
