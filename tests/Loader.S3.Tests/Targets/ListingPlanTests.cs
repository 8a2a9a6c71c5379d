using Loader.S3.Targets;
using Loader.Targets;

namespace Loader.S3.Tests.Targets;

public sealed class ListingPlanTests
{
    [Fact]
    public void A_daily_fan_out_of_flag_prefixes_is_one_listing_narrowed_to_its_days()
    {
        var days = Enumerable.Range(0, 60).Select(i => new DateOnly(2026, 1, 1).AddDays(i));
        var targets = days.Select(d => Flag($"s3://bkt/warehouse/t/dt={d:yyyy-MM-dd}/"));

        var plan = Assert.Single(ListingPlan.For(targets.Select(S3TargetAddress.Of)));

        Assert.Equal("warehouse/t/dt=2026-0", plan.Prefix);
        Assert.Null(plan.Delimiter);
        Assert.Equal("warehouse/t/dt=2026-01-01/_SUCCES", plan.StartAfter);
        Assert.Equal("warehouse/t/dt=2026-03-01/_SUCCESS", plan.Last);
        Assert.Equal(60, plan.Targets.Count);
    }

    [Fact]
    public void Objects_in_one_folder_are_listed_with_a_delimiter_and_other_folders_apart()
    {
        var targets = new[]
        {
            new Target(TargetKind.File, "s3://bkt/out/2026-01-01.csv"),
            new Target(TargetKind.Marker, "s3://bkt/out/2026-01-02.json"),
            new Target(TargetKind.File, "s3://bkt/other/x.csv"),
            new Target(TargetKind.File, "s3://cat/out/2026-01-01.csv"),
        };

        var plans = ListingPlan.For(targets.Select(S3TargetAddress.Of));

        Assert.Equal(3, plans.Count);
        var out1 = Assert.Single(plans, p => p.Bucket == "bkt" && p.Prefix.StartsWith("out/", StringComparison.Ordinal));
        Assert.Equal("/", out1.Delimiter);
        Assert.Equal("out/2026-01-0", out1.Prefix);
    }

    [Fact]
    public void A_folder_output_on_S3_is_refused_with_what_to_declare_instead()
    {
        var error = Assert.Throws<FormatException>(() => S3TargetAddress.Of(new Target(TargetKind.Folder, "s3://bkt/raw/2026-01-01")));

        Assert.Contains("flag prefix", error.Message, StringComparison.Ordinal);
    }

    private static Target Flag(string url) => new(TargetKind.Flag, url);
}
