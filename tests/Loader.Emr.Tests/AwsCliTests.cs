using System.Diagnostics;
using System.Text.Json;
using Loader.Emr.Tests.Support;

namespace Loader.Emr.Tests;

/// <summary>The stand-in answers a real client, Debian's awscli, as EMR would: the commands a person runs by hand.</summary>
public sealed class AwsCliTests : IAsyncLifetime
{
    private FakeEmr _emr = null!;

    public async Task InitializeAsync() => _emr = await FakeEmr.StartAsync();

    public async Task DisposeAsync() => await _emr.DisposeAsync();

    private async Task<JsonElement> AwsAsync(params string[] args)
    {
        // Debian's client; another aws may come first on PATH.
        var start = new ProcessStartInfo("/usr/bin/aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Concat(["--endpoint-url", _emr.Url.ToString(), "--output", "json"]))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = FakeEmr.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = FakeEmr.SecretKey;
        start.Environment["AWS_DEFAULT_REGION"] = FakeEmr.Region;
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        var text = await output;
        return text.Trim().Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Create_cluster_add_steps_describe_step_and_terminate_clusters_get_well_formed_answers()
    {
        var created = await AwsAsync("emr", "create-cluster", "--name", "by-hand", "--release-label", "emr-7.5.0",
            "--applications", "Name=Spark", "--instance-type", "m5.xlarge", "--instance-count", "1", "--use-default-roles",
            "--log-uri", "s3://logs/emr/");
        var cluster = created.GetProperty("ClusterId").GetString()!;
        Assert.StartsWith("j-", cluster, StringComparison.Ordinal);
        Assert.EndsWith(cluster, created.GetProperty("ClusterArn").GetString(), StringComparison.Ordinal);

        var added = await AwsAsync("emr", "add-steps", "--cluster-id", cluster,
            "--steps", "Type=CUSTOM_JAR,Name=hello,Jar=command-runner.jar,ActionOnFailure=CONTINUE,Args=[bash,-c,echo hello]");
        var step = Assert.Single(added.GetProperty("StepIds").EnumerateArray()).GetString()!;

        var state = "";
        for (var i = 0; i < 100 && state != "COMPLETED"; i++)
        {
            var described = await AwsAsync("emr", "describe-step", "--cluster-id", cluster, "--step-id", step);
            Assert.Equal("hello", described.GetProperty("Step").GetProperty("Name").GetString());
            Assert.Equal("command-runner.jar", described.GetProperty("Step").GetProperty("Config").GetProperty("Jar").GetString());
            state = described.GetProperty("Step").GetProperty("Status").GetProperty("State").GetString()!;
            await Task.Delay(100);
        }
        Assert.Equal("COMPLETED", state);

        await AwsAsync("emr", "terminate-clusters", "--cluster-ids", cluster);
        Assert.Contains(_emr.ClusterState(cluster), new[] { "TERMINATING", "TERMINATED" });
        Assert.Equal(0, _emr.Rejected);
    }
}
