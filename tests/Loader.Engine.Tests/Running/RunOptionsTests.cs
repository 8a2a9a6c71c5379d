using Loader.Running;

namespace Loader.Engine.Tests.Running;

public sealed class RunOptionsTests
{
    [Fact]
    public void A_lease_shorter_than_a_second_is_refused_instead_of_renewed_in_a_busy_loop()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RunOptions { LeaseTtl = TimeSpan.Zero });

        Assert.Contains("at least 1s", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_run_without_workers_is_refused(int workers)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunOptions { Workers = workers });
    }
}
