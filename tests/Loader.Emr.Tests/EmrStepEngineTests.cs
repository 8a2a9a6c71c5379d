using Loader.Emr.Tests.Support;
using Loader.Running;
using Loader.Tests.Shared;

namespace Loader.Emr.Tests;

public sealed class EmrStepEngineTests : IClassFixture<S3rver>, IAsyncLifetime
{
    private readonly S3rver _s3;
    private FakeEmr _emr = null!;
    private EngineHarness _harness = null!;
    private EmrClient _client = null!;

    public EmrStepEngineTests(S3rver s3) => _s3 = s3;

    public async Task InitializeAsync()
    {
        _emr = await FakeEmr.StartAsync();
        _emr.PutLog = _s3.PutAsync;
        _harness = new EngineHarness(_emr.ConfigurationKeys.Concat(_s3.ConfigurationKeys.Select(k => KeyValuePair.Create(k.Key, k.Value!))).ToDictionary());
        _client = new EmrClient(_emr.Settings());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _harness.DisposeAsync();
        await _emr.DisposeAsync();
    }

    private async Task<string> ClusterAsync(string name)
    {
        var bucket = await _s3.CreateBucketAsync();
        return (await _client.RunJobFlowAsync(new RunJobFlowRequest { Name = name, LogUri = $"s3://{bucket}/emr-logs/" }, CancellationToken.None)).JobFlowId;
    }

    [Fact]
    public async Task A_step_runs_on_the_cluster_named_and_produces_its_output()
    {
        var cluster = await ClusterAsync("analytics");
        _harness.WriteWorkflow("emr.yml", """
            workflow: Spark
            parameters:
              date: date
            tasks:
              Aggregate:
                runs_on: emr
                uses: emr.step
                with:
                  cluster: analytics
                  name: aggregate ${date}
                  args: [bash, -c, "printf 'rows for %s\n' ${date} > {output:result}"]
                outputs: {result: "${config.data_dir}/out/${date}.txt"}
            """);
        var result = await _harness.RunAsync("Spark", new Dictionary<string, string> { ["date"] = "2026-01-19" });
        Assert.True(result.Count(TaskOutcome.Succeeded) == 1, string.Join("\n", _harness.Failures));
        Assert.Equal("rows for 2026-01-19\n", await File.ReadAllTextAsync(Path.Combine(_harness.Data, "out", "2026-01-19.txt")));
        var steps = await _client.ListStepsAsync(new ListStepsRequest { ClusterId = cluster }, CancellationToken.None);
        Assert.Equal("aggregate 2026-01-19", steps.Steps.Single().Name);
        Assert.Equal("COMPLETED", steps.Steps.Single().Status.State);
    }

    [Fact]
    public async Task An_s3_output_is_written_by_the_cluster_to_a_work_prefix_and_copied_into_place_flag_last()
    {
        await ClusterAsync("analytics");
        var bucket = await _s3.CreateBucketAsync();
        var aws = $"AWS_ACCESS_KEY_ID={S3rver.Key} AWS_SECRET_ACCESS_KEY={S3rver.Key} AWS_DEFAULT_REGION=us-east-1 /usr/bin/aws --endpoint-url http://127.0.0.1:{_s3.Port}";
        _harness.WriteWorkflow("emr.yml", $$"""
            workflow: SparkToS3
            parameters:
              date: date
            tasks:
              Aggregate:
                runs_on: emr
                uses: emr.step
                with:
                  cluster: analytics
                  args: [bash, -c, "printf 'course,9\n' | {{aws}} s3 cp - {output:result}part-00000"]
                outputs: {result: "s3://{{bucket}}/aggregates/dt=${date}/"}
            """);

        var result = await _harness.RunAsync("SparkToS3", new Dictionary<string, string> { ["date"] = "2026-01-19" });

        Assert.True(result.Count(TaskOutcome.Succeeded) == 1, string.Join("\n", _harness.Failures));
        var keys = (await _s3.Client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket })).S3Objects.Select(o => o.Key).ToList();
        Assert.Contains("aggregates/dt=2026-01-19/part-00000", keys);
        Assert.Contains("aggregates/dt=2026-01-19/_SUCCESS", keys);
        Assert.Contains(keys, k => k.StartsWith("_loader_work/", StringComparison.Ordinal) && k.EndsWith("aggregates/dt=2026-01-19/part-00000", StringComparison.Ordinal));
        using var part = await _s3.Client.GetObjectAsync(bucket, "aggregates/dt=2026-01-19/part-00000");
        Assert.Equal("course,9\n", await new StreamReader(part.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task A_failing_step_fails_the_task_with_the_tail_of_its_stderr()
    {
        var cluster = await ClusterAsync("etl");
        _harness.WriteWorkflow("emr.yml", $$"""
            workflow: Broken
            tasks:
              Crash:
                runs_on: emr
                uses: emr.step
                retry: {attempts: 1}
                with:
                  cluster: {{cluster}}
                  stderr_lines: 2
                  args: [bash, -c, "echo line one >&2; echo 'Exception in thread main: table missing' >&2; echo at Job.run >&2; exit 3"]
                outputs: {result: "${config.data_dir}/out/crash.txt"}
            """);
        var result = await _harness.RunAsync("Broken", new Dictionary<string, string>());
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
        var failure = Assert.Single(_harness.Failures);
        Assert.True(failure.Contains("Exception in thread main", StringComparison.Ordinal), failure + "\n" + string.Join("\n", Directory.GetFiles(Path.Combine(_harness.Root, "logs"), "*", SearchOption.AllDirectories).Select(File.ReadAllText)));
        Assert.Contains("failed: command exited with code 3", failure, StringComparison.Ordinal);
        Assert.Contains("Exception in thread main: table missing\nat Job.run", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("line one", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_harness.Data, "out", "crash.txt")));
    }

    [Fact]
    public async Task Without_an_alive_cluster_of_that_name_the_step_says_so()
    {
        _harness.WriteWorkflow("emr.yml", """
            workflow: Nowhere
            tasks:
              Lost:
                runs_on: emr
                uses: emr.step
                retry: {attempts: 1}
                with: {cluster: nobody, args: ["true"]}
                outputs: {result: "${config.data_dir}/out/lost.txt"}
            """);
        var result = await _harness.RunAsync("Nowhere", new Dictionary<string, string>());
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
        Assert.Contains("no alive EMR cluster is named 'nobody'", Assert.Single(_harness.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_step()
    {
        var cluster = await ClusterAsync("long");
        _harness.WriteWorkflow("emr.yml", """
            workflow: Long
            tasks:
              Sleep:
                runs_on: emr
                uses: emr.step
                with: {cluster: long, args: [sleep, "60"]}
                outputs: {result: "${config.data_dir}/out/sleep.txt"}
            """);
        using var cancel = new CancellationTokenSource();
        var run = _harness.RunAsync("Long", new Dictionary<string, string>(), cancel.Token);
        string? stepId = null;
        for (var i = 0; i < 300 && stepId is null; i++)
        {
            var steps = await _client.ListStepsAsync(new ListStepsRequest { ClusterId = cluster, StepStates = ["RUNNING"] }, CancellationToken.None);
            stepId = steps.Steps.FirstOrDefault()?.Id;
            await Task.Delay(20);
        }
        Assert.NotNull(stepId);
        await cancel.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
        Assert.Contains("CancelSteps", _emr.Operations);
        string state = "";
        for (var i = 0; i < 200 && state != "CANCELLED"; i++)
        {
            state = (await _client.DescribeStepAsync(cluster, stepId, CancellationToken.None)).Step.Status.State;
            await Task.Delay(20);
        }
        Assert.Equal("CANCELLED", state);
    }
}

public sealed class EmrRunClusterTests : IAsyncLifetime
{
    private FakeEmr _emr = null!;
    private EngineHarness _harness = null!;
    private EmrClient _client = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _emr = await FakeEmr.StartAsync();
        _harness = new EngineHarness(_emr.ConfigurationKeys);
        _client = new EmrClient(_emr.Settings());
        _file = Path.Combine(_harness.Root, "config", "cluster.yml");
        await File.WriteAllTextAsync(_file, "name: nightly\ninstance_groups:\n  master: {num_instances: 1, type: m5.xlarge}\n");
        _harness.Settings["emr:cluster_file"] = _file;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _harness.DisposeAsync();
        await _emr.DisposeAsync();
    }

    private void TwoSteps(string second) => _harness.WriteWorkflow("emr.yml", $$"""
        workflow: Nightly
        tasks:
          First:
            runs_on: emr
            uses: emr.step
            with: {args: [bash, -c, "echo 1 > {output:out}"]}
            outputs: {out: "${config.data_dir}/first.txt"}
          Second:
            requires: [First]
            runs_on: emr
            uses: emr.step
            retry: {attempts: 1}
            with: {args: [bash, -c, "{{second}}"]}
            outputs: {out: "${config.data_dir}/second.txt"}
        """);

    private async Task<string> OnlyClusterStateAsync()
    {
        var cluster = Assert.Single(await _client.ListAllClustersAsync(null, CancellationToken.None));
        return cluster.Status.State;
    }

    [Fact]
    public async Task The_run_creates_its_cluster_from_the_cluster_file_once_and_keeps_it_without_terminate()
    {
        TwoSteps("echo 2 > {output:out}");
        var result = await _harness.RunAsync("Nightly", new Dictionary<string, string>());
        Assert.True(result.Count(TaskOutcome.Succeeded) == 2, string.Join("\n", _harness.Failures));
        Assert.Equal("2\n", await File.ReadAllTextAsync(Path.Combine(_harness.Data, "second.txt")));
        // What the run cost: one listing to find the cluster, one creation, one submission per task.
        Assert.Equal((1, 1, 2), (_emr.Operations.Count(o => o == "ListClusters"), _emr.Operations.Count(o => o == "RunJobFlow"), _emr.Operations.Count(o => o == "AddJobFlowSteps")));
        Assert.Contains(_harness.Notices, n => n.StartsWith("created cluster j-", StringComparison.Ordinal));
        Assert.Contains(_harness.Notices, n => n.EndsWith(": WAITING", StringComparison.Ordinal));
        Assert.Contains(await OnlyClusterStateAsync(), new[] { "RUNNING", "WAITING" });

        // The next run finds it alive and reuses it.
        File.Delete(Path.Combine(_harness.Data, "second.txt"));
        Assert.Equal(1, (await _harness.RunAsync("Nightly", new Dictionary<string, string>())).Count(TaskOutcome.Succeeded));
        Assert.Equal(1, _emr.Operations.Count(o => o == "RunJobFlow"));
    }

    [Fact]
    public async Task With_terminate_the_cluster_is_torn_down_after_a_failed_run()
    {
        _harness.Settings["emr:terminate"] = "true";
        TwoSteps("exit 4");
        var result = await _harness.RunAsync("Nightly", new Dictionary<string, string>());
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
        Assert.Contains("TerminateJobFlows", _emr.Operations);
        Assert.Contains(_harness.Notices, n => n.StartsWith("terminating cluster j-", StringComparison.Ordinal));
        Assert.Contains(await OnlyClusterStateAsync(), new[] { "TERMINATING", "TERMINATED" });
    }

    [Fact]
    public async Task With_terminate_the_cluster_is_torn_down_when_the_run_is_cancelled()
    {
        _harness.Settings["emr:terminate"] = "true";
        TwoSteps("sleep 60");
        using var cancel = new CancellationTokenSource();
        var run = _harness.RunAsync("Nightly", new Dictionary<string, string>(), cancel.Token);
        for (var i = 0; i < 500 && !File.Exists(Path.Combine(_harness.Data, "first.txt")); i++)
        {
            await Task.Delay(20);
        }
        await Task.Delay(300);
        await cancel.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
        Assert.Contains("CancelSteps", _emr.Operations);
        Assert.Contains("TerminateJobFlows", _emr.Operations);
        Assert.Contains(await OnlyClusterStateAsync(), new[] { "TERMINATING", "TERMINATED" });
    }

    [Fact]
    public async Task A_cluster_that_never_reaches_WAITING_fails_its_tasks_after_the_start_timeout_and_is_torn_down()
    {
        _emr.NeverReady = true;
        _harness.Settings["emr:start_timeout"] = "1s";
        _harness.Settings["emr:terminate"] = "true";
        TwoSteps("true");
        var result = await _harness.RunAsync("Nightly", new Dictionary<string, string>());
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
        var failure = Assert.Single(_harness.Failures.Distinct());
        Assert.Contains("was still BOOTSTRAPPING after 1s", failure, StringComparison.Ordinal);
        Assert.Contains("emr.start_timeout", failure, StringComparison.Ordinal);
        Assert.Equal(0, _emr.Operations.Count(o => o == "AddJobFlowSteps"));
        Assert.Contains(await OnlyClusterStateAsync(), new[] { "TERMINATING", "TERMINATED" });
    }

    [Fact]
    public async Task A_cluster_terminated_during_the_run_fails_its_step_with_the_reason()
    {
        TwoSteps("sleep 60");
        var run = _harness.RunAsync("Nightly", new Dictionary<string, string>());
        string? running = null;
        for (var i = 0; i < 500 && running is null; i++)
        {
            var clusters = await _client.ListAllClustersAsync(["RUNNING"], CancellationToken.None);
            var steps = clusters.Count == 0 ? [] : (await _client.ListStepsAsync(new ListStepsRequest { ClusterId = clusters[0].Id, StepStates = ["RUNNING"] }, CancellationToken.None)).Steps;
            running = steps.Any(s => s.Config?.Args.Contains("sleep 60") == true) ? clusters[0].Id : null;
            await Task.Delay(20);
        }
        Assert.NotNull(running);
        await _client.TerminateJobFlowsAsync([running], CancellationToken.None);
        var result = await run;
        Assert.Equal(1, result.Count(TaskOutcome.Failed));
        var failure = Assert.Single(_harness.Failures);
        Assert.Contains("was cancelled", failure, StringComparison.Ordinal);
        Assert.Contains($"cluster {running} is TERMINAT", failure, StringComparison.Ordinal);
        Assert.Contains("Terminated by user request", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_bursts_during_a_run_are_ridden_out()
    {
        TwoSteps("echo 2 > {output:out}");
        _emr.Throttle(3);
        var result = await _harness.RunAsync("Nightly", new Dictionary<string, string>());
        Assert.True(result.Count(TaskOutcome.Succeeded) == 2, string.Join("\n", _harness.Failures));
        Assert.Equal(1, _emr.Operations.Count(o => o == "RunJobFlow"));
    }

    [Fact]
    public async Task Emr_cluster_naming_another_alive_cluster_is_used_instead_of_the_cluster_file()
    {
        var other = (await _client.RunJobFlowAsync(new RunJobFlowRequest { Name = "shared" }, CancellationToken.None)).JobFlowId;
        _harness.Settings["emr:cluster"] = "shared";
        TwoSteps("echo 2 > {output:out}");

        var result = await _harness.RunAsync("Nightly", new Dictionary<string, string>());

        Assert.True(result.Count(TaskOutcome.Succeeded) == 2, string.Join("\n", _harness.Failures));
        Assert.Equal(1, _emr.Operations.Count(o => o == "RunJobFlow"));
        Assert.Equal(2, (await _client.ListStepsAsync(new ListStepsRequest { ClusterId = other }, CancellationToken.None)).Steps.Count);
    }

    [Fact]
    public async Task Without_a_cluster_setting_or_file_the_step_says_what_to_configure()
    {
        _harness.Settings.Remove("emr:cluster_file");
        TwoSteps("true");
        await _harness.RunAsync("Nightly", new Dictionary<string, string>());
        Assert.Contains("set emr.cluster", Assert.Single(_harness.Failures), StringComparison.Ordinal);
    }
}
