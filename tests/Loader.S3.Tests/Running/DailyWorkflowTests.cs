using Loader.Planning;
using Loader.Running;
using Loader.S3.Tests.Support;

namespace Loader.S3.Tests.Running;

/// <summary>A per-day workflow whose outputs are flag prefixes on S3, planned and run by the engine.</summary>
[Collection(S3Collection.Name)]
public sealed class DailyWorkflowTests(S3rverServer server)
{
    [Fact]
    public async Task Daily_partitions_are_written_flag_last_and_a_later_plan_checks_them_with_one_listing()
    {
        var bucket = await server.CreateBucketAsync();
        await using var harness = new EngineHarness(server);
        harness.WriteWorkflow("daily.yml", $$"""
            workflow: Daily
            parameters:
              interval: interval
            tasks:
              Load:
                per_day: interval
                uses: shell
                with: {command: "echo ${date} > ${outputs.partition}/part-0.csv"}
                outputs: {partition: "s3://{{bucket}}/warehouse/t/dt=${date}/"}
              Report:
                requires: [Load]
                uses: shell
                with: {command: "echo ${tasks.Load.outputs.partition} > ${outputs.report}"}
                outputs: {report: "${config.data_dir}/report-${interval}.txt"}

            """);
        var interval = new Dictionary<string, string> { ["interval"] = "2026-01" };

        var first = await harness.RunAsync("Daily", interval);

        Assert.True(first.Count(TaskOutcome.Succeeded) == 32, string.Join(Environment.NewLine, harness.Failures));
        var keys = await server.KeysAsync(bucket);
        Assert.Equal(62, keys.Count);
        Assert.Equal("2026-01-17\n", await server.ReadAsync(bucket, "warehouse/t/dt=2026-01-17/part-0.csv"));
        var report = Assert.Single(Directory.GetFiles(harness.Data, "report-*.txt"));
        Assert.Contains("s3://" + bucket + "/warehouse/t/dt=2026-01-31/", await File.ReadAllTextAsync(report), StringComparison.Ordinal);

        // Without the report, planning must look at every day's partition again.
        File.Delete(report);
        harness.Store.Requests.Reset();
        var again = await harness.PlanAsync("Daily", interval);

        Assert.Equal(31, again.Count(PlanDecision.Complete));
        Assert.Equal(1, again.Count(PlanDecision.Run));
        Assert.Equal(1, harness.Store.Requests.Lists);
        Assert.Equal(1, harness.Store.Requests.Total);
    }

    [Fact]
    public async Task A_partition_whose_flag_is_missing_is_planned_again_and_rewritten()
    {
        var bucket = await server.CreateBucketAsync();
        await using var harness = new EngineHarness(server);
        harness.WriteWorkflow("daily.yml", $$"""
            workflow: Daily
            parameters:
              interval: interval
            tasks:
              Load:
                per_day: interval
                uses: shell
                with: {command: "echo ${date} run ${run.id} > ${outputs.partition}/part-0.csv"}
                outputs: {partition: "s3://{{bucket}}/warehouse/t/dt=${date}/"}

            """);
        var interval = new Dictionary<string, string> { ["interval"] = "2026-01-01-2026-01-08" };
        await harness.RunAsync("Daily", interval);
        await server.Admin.DeleteAsync(new Loader.S3.Addressing.S3Location(bucket, "warehouse/t/dt=2026-01-04/_SUCCESS"), CancellationToken.None);
        await server.PutAsync(bucket, "warehouse/t/dt=2026-01-04/part-7.csv", "half-written");

        var plan = await harness.PlanAsync("Daily", interval);
        var rerun = await harness.RunAsync(plan);

        var run = Assert.Single(plan.Entries, e => e.WillRun);
        Assert.Equal(new DateOnly(2026, 1, 4), run.Task.Date);
        Assert.Equal(1, rerun.Count(TaskOutcome.Succeeded));
        Assert.Equal(["warehouse/t/dt=2026-01-04/_SUCCESS", "warehouse/t/dt=2026-01-04/part-0.csv"], await server.KeysAsync(bucket, "warehouse/t/dt=2026-01-04/"));
        Assert.StartsWith("2026-01-04 run 2", await server.ReadAsync(bucket, "warehouse/t/dt=2026-01-04/part-0.csv"), StringComparison.Ordinal);
    }
}
