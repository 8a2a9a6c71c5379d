using Loader.Emr.Tests.Support;

namespace Loader.Emr.Tests;

public sealed class EmrClientTests : IAsyncLifetime
{
    private FakeEmr _emr = null!;

    public async Task InitializeAsync() => _emr = await FakeEmr.StartAsync();

    public async Task DisposeAsync() => await _emr.DisposeAsync();

    [Fact]
    public async Task Signed_requests_are_accepted_and_a_wrong_secret_is_rejected()
    {
        using var good = new EmrClient(_emr.Settings());
        var clusters = await good.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);
        Assert.Empty(clusters.Clusters);
        Assert.Equal(0, _emr.Rejected);

        using var bad = new EmrClient(_emr.Settings(secret: "not-the-secret"));
        var error = await Assert.ThrowsAsync<EmrException>(() => bad.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));
        Assert.Equal("InvalidSignatureException", error.Type);
        Assert.Contains("signature", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(error.Transient);
        Assert.Equal(1, bad.Requests);
        Assert.Equal(1, _emr.Rejected);
    }

    [Fact]
    public async Task Operations_round_trip_through_the_state_machines()
    {
        using var client = new EmrClient(_emr.Settings());
        var id = (await client.RunJobFlowAsync(new RunJobFlowRequest { Name = "analytics", LogUri = "s3://logs/emr", ReleaseLabel = "emr-7.5.0" }, CancellationToken.None)).JobFlowId;
        Assert.StartsWith("j-", id, StringComparison.Ordinal);
        var seen = new List<string>();
        string state;
        do
        {
            state = (await client.DescribeClusterAsync(id, CancellationToken.None)).Cluster.Status.State;
            if (seen.LastOrDefault() != state)
            {
                seen.Add(state);
            }
            await Task.Delay(10);
        }
        while (state != "WAITING");
        Assert.Equal("WAITING", seen[^1]);
        Assert.Subset(new HashSet<string> { "STARTING", "BOOTSTRAPPING", "WAITING" }, seen.ToHashSet());

        var alive = await client.ListAllClustersAsync(EmrClusters.AliveStates, CancellationToken.None);
        Assert.Contains(alive, c => c.Id == id && c.Name == "analytics");

        var output = Path.Combine(Path.GetTempPath(), "emr-" + Guid.NewGuid().ToString("N"));
        var ids = (await client.AddJobFlowStepsAsync(new AddJobFlowStepsRequest
        {
            JobFlowId = id,
            Steps =
            [
                new StepConfig { Name = "write", HadoopJarStep = new HadoopJarStepConfig { Args = ["bash", "-c", $"echo hello > {output}"] } },
                new StepConfig { Name = "sleep", HadoopJarStep = new HadoopJarStepConfig { Args = ["sleep", "30"] } },
            ],
        }, CancellationToken.None)).StepIds;
        Assert.Equal(2, ids.Count);
        Assert.Equal("COMPLETED", await WaitAsync(client, id, ids[0], "COMPLETED", "FAILED"));
        Assert.Equal("hello\n", await File.ReadAllTextAsync(output));
        File.Delete(output);

        await WaitAsync(client, id, ids[1], "RUNNING");
        var cancel = await client.CancelStepsAsync(new CancelStepsRequest { ClusterId = id, StepIds = [ids[1]] }, CancellationToken.None);
        Assert.Equal("SUBMITTED", cancel.CancelStepsInfoList.Single().Status);
        Assert.Equal("CANCELLED", await WaitAsync(client, id, ids[1], "CANCELLED"));

        var steps = await client.ListStepsAsync(new ListStepsRequest { ClusterId = id }, CancellationToken.None);
        Assert.Equal([ids[1], ids[0]], steps.Steps.Select(s => s.Id));
        Assert.Equal(["bash", "-c", $"echo hello > {output}"], steps.Steps[1].Config!.Args);

        await client.TerminateJobFlowsAsync([id], CancellationToken.None);
        for (var i = 0; i < 200 && state != "TERMINATED"; i++)
        {
            state = (await client.DescribeClusterAsync(id, CancellationToken.None)).Cluster.Status.State;
            await Task.Delay(20);
        }
        Assert.Equal("TERMINATED", state);
        var error = await Assert.ThrowsAsync<EmrException>(() => client.AddJobFlowStepsAsync(new AddJobFlowStepsRequest { JobFlowId = id, Steps = [new StepConfig { Name = "late", HadoopJarStep = new HadoopJarStepConfig { Args = ["true"] } }] }, CancellationToken.None));
        Assert.Equal("ValidationException", error.Type);
        var missing = await Assert.ThrowsAsync<EmrException>(() => client.DescribeClusterAsync("j-NOPE", CancellationToken.None));
        Assert.Contains("InvalidRequestException: Cluster id 'j-NOPE' is not valid.", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_print_without_the_secret_key()
    {
        var printed = _emr.Settings().ToString();

        Assert.Contains(FakeEmr.AccessKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeEmr.SecretKey, printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff()
    {
        using var client = new EmrClient(_emr.Settings());
        _emr.Throttle(3);
        var clusters = await client.ListClustersAsync(new ListClustersRequest(), CancellationToken.None);
        Assert.NotNull(clusters);
        Assert.Equal(4, client.Requests);

        _emr.Throttle(100);
        var error = await Assert.ThrowsAsync<EmrException>(() => client.ListClustersAsync(new ListClustersRequest(), CancellationToken.None));
        Assert.Equal("ThrottlingException", error.Type);
        Assert.True(error.Transient);
        Assert.Equal(4 + 1 + _emr.Settings().Retries, client.Requests);
        _emr.Throttle(0);
    }

    [Fact]
    public async Task Server_errors_are_retried_where_a_repeat_is_harmless_and_never_for_a_creation()
    {
        using var client = new EmrClient(_emr.Settings());
        var cluster = (await client.RunJobFlowAsync(new RunJobFlowRequest { Name = "once" }, CancellationToken.None)).JobFlowId;

        _emr.FailWithServerErrors(2);
        Assert.Equal(cluster, (await client.DescribeClusterAsync(cluster, CancellationToken.None)).Cluster.Id);

        _emr.FailWithServerErrors(1);
        var creation = await Assert.ThrowsAsync<EmrException>(() => client.RunJobFlowAsync(new RunJobFlowRequest { Name = "twice?" }, CancellationToken.None));
        _emr.FailWithServerErrors(1);
        var step = await Assert.ThrowsAsync<EmrException>(() => client.AddJobFlowStepsAsync(
            new AddJobFlowStepsRequest { JobFlowId = cluster, Steps = [new StepConfig { Name = "s", HadoopJarStep = new HadoopJarStepConfig { Args = ["true"] } }] },
            CancellationToken.None));

        Assert.Equal((System.Net.HttpStatusCode.InternalServerError, "InternalServerError"), (creation.Status, creation.Type));
        Assert.Equal(2, _emr.Operations.Count(o => o == "RunJobFlow"));
        Assert.Equal(1, _emr.Operations.Count(o => o == "AddJobFlowSteps"));
    }

    private static async Task<string> WaitAsync(EmrClient client, string cluster, string step, params string[] states)
    {
        for (var i = 0; i < 500; i++)
        {
            var state = (await client.DescribeStepAsync(cluster, step, CancellationToken.None)).Step.Status.State;
            if (states.Contains(state))
            {
                return state;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"step {step} never reached {string.Join("/", states)}");
    }
}
