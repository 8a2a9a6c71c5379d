using Loader.Sftp.Resume;
using Loader.Steps;

namespace Loader.Sftp.Tests.Resume;

public sealed class ResumePlannerTests
{
    private const string Part = "/data/x.zip.part";
    private static readonly DateTime Modified = new(2026, 1, 20, 6, 0, 0, DateTimeKind.Utc);
    private static readonly RemoteFileStat Remote = new("./Students/x.zip", 1000, Modified);

    private static PartRecord Record(long size = 1000, DateTime? modified = null, long durable = 400, string path = "./Students/x.zip", string? boot = null) =>
        new(path, size, modified ?? Modified, durable, boot);

    [Fact]
    public void No_partial_file_starts_at_zero() => Assert.Equal(0, ResumePlanner.Plan(Remote, null, null, null, Part).Offset);

    [Fact]
    public void Matching_record_resumes_at_the_end_of_the_part() =>
        Assert.Equal(400, ResumePlanner.Plan(Remote, 400, Record(), null, Part).Offset);

    [Fact]
    public void Bytes_past_the_recorded_flush_are_not_trusted() =>
        Assert.Equal(300, ResumePlanner.Plan(Remote, 400, Record(durable: 300), null, Part).Offset);

    [Fact]
    public void Bytes_past_the_recorded_flush_are_trusted_while_the_machine_has_not_restarted() =>
        Assert.Equal(400, ResumePlanner.Plan(Remote, 400, Record(durable: 300, boot: "boot-1"), null, Part, boot: "boot-1").Offset);

    [Theory]
    [InlineData("boot-2")]
    [InlineData(null)]
    public void Bytes_past_the_recorded_flush_are_not_trusted_after_a_restart_or_without_a_boot_id(string? now) =>
        Assert.Equal(300, ResumePlanner.Plan(Remote, 400, Record(durable: 300, boot: "boot-1"), null, Part, boot: now).Offset);

    [Fact]
    public void Record_without_a_boot_id_trusts_only_flushed_bytes_even_when_the_boot_is_known() =>
        Assert.Equal(300, ResumePlanner.Plan(Remote, 400, Record(durable: 300), null, Part, boot: "boot-1").Offset);

    [Theory]
    [InlineData(999, 0, "./Students/x.zip")]
    [InlineData(1000, 1, "./Students/x.zip")]
    [InlineData(1000, 0, "./Students/y.zip")]
    public void Record_of_another_remote_version_starts_over(long size, int daysEarlier, string path)
    {
        var plan = ResumePlanner.Plan(Remote, 400, Record(size, Modified.AddDays(-daysEarlier), path: path), null, Part);

        Assert.Equal(0, plan.Offset);
        Assert.Contains("starting over", plan.Reason);
    }

    [Fact]
    public void Part_without_record_starts_over() => Assert.Equal(0, ResumePlanner.Plan(Remote, 400, null, null, Part).Offset);

    [Fact]
    public void Complete_part_of_the_same_version_needs_nothing_more()
    {
        var plan = ResumePlanner.Plan(Remote, 1000, Record(durable: 1000), null, Part);

        Assert.Equal(1000, plan.Offset);
        Assert.Contains("already holds all", plan.Reason);
    }

    [Fact]
    public void Remote_shorter_than_the_part_is_refused_whatever_the_record_says()
    {
        var error = Assert.Throws<StepInputException>(() => ResumePlanner.Plan(Remote, 1200, Record(size: 1200, durable: 1200), null, Part));

        Assert.Contains("shorter than the 1,200 bytes already downloaded to /data/x.zip.part", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
    }

    [Fact]
    public void Explicit_offset_within_part_and_remote_is_used_even_for_another_version()
    {
        var plan = ResumePlanner.Plan(Remote, 800, Record(size: 5), 600, Part);

        Assert.Equal(600, plan.Offset);
        Assert.Contains("another version", plan.Reason);
    }

    [Fact]
    public void Explicit_offset_past_the_remote_end_is_refused() =>
        Assert.Contains("refusing to seek past end of file",
            Assert.Throws<StepInputException>(() => ResumePlanner.Plan(Remote, 2000, Record(), 1001, Part)).Message);

    [Fact]
    public void Explicit_offset_past_the_part_is_refused() =>
        Assert.Contains("past the 400 bytes already downloaded",
            Assert.Throws<StepInputException>(() => ResumePlanner.Plan(Remote, 400, Record(), 401, Part)).Message);

    [Fact]
    public void Explicit_offset_zero_starts_over_without_a_part() => Assert.Equal(0, ResumePlanner.Plan(Remote, null, null, 0, Part).Offset);
}
