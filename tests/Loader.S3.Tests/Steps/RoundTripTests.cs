using Loader.Running;
using Loader.S3.Tests.Support;

namespace Loader.S3.Tests.Steps;

/// <summary>s3.put, s3.copy and s3.get run by the engine: local data goes up, is copied on the server, and comes back the same.</summary>
[Collection(S3Collection.Name)]
public sealed class RoundTripTests(S3rverServer server)
{
    [Fact]
    public async Task Put_copy_and_get_bring_back_files_and_folders_unchanged()
    {
        var bucket = await server.CreateBucketAsync();
        await using var harness = new EngineHarness(server);
        var input = Path.Combine(harness.Data, "in");
        Directory.CreateDirectory(Path.Combine(input, "folder", "nested"));
        var csv = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"{i},student-{i},ÅÉÎ\n"));
        await File.WriteAllTextAsync(Path.Combine(input, "one.csv"), csv);
        await File.WriteAllTextAsync(Path.Combine(input, "folder", "part-0.csv"), "a,b\n");
        await File.WriteAllBytesAsync(Path.Combine(input, "folder", "nested", "blob.bin"), [0, 1, 2, 255, 254]);
        harness.WriteWorkflow("roundtrip.yml", $$"""
            workflow: RoundTrip
            parameters:
              interval: interval
            tasks:
              PutFile:
                per_day: interval
                uses: s3.put
                with: {from: "${config.data_dir}/in/one.csv"}
                outputs: {object: "s3://{{bucket}}/raw/${date}.csv"}
              PutFolder:
                per_day: interval
                uses: s3.put
                with: {from: "${config.data_dir}/in/folder"}
                outputs: {partition: "s3://{{bucket}}/tables/t/dt=${date}/"}
              CopyFile:
                per_day: interval
                requires: [PutFile]
                uses: s3.copy
                with: {from: "${tasks.PutFile.outputs.object}"}
                outputs: {object: "s3://{{bucket}}/copies/raw/${date}.csv"}
              CopyFolder:
                per_day: interval
                requires: [PutFolder]
                uses: s3.copy
                with: {from: "${tasks.PutFolder.outputs.partition}"}
                outputs: {partition: "s3://{{bucket}}/copies/t/dt=${date}/"}
              GetFile:
                per_day: interval
                requires: [CopyFile]
                uses: s3.get
                with: {from: "${tasks.CopyFile.outputs.object}"}
                outputs: {file: "${config.data_dir}/out/${date}.csv"}
              GetFolder:
                per_day: interval
                requires: [CopyFolder]
                uses: s3.get
                with: {from: "${tasks.CopyFolder.outputs.partition}"}
                outputs:
                  folder: {folder: "${config.data_dir}/out/${date}"}

            """);

        var result = await harness.RunAsync("RoundTrip", new Dictionary<string, string> { ["interval"] = "2026-01-05" });

        Assert.True(result.Count(TaskOutcome.Succeeded) == 6, string.Join(Environment.NewLine, harness.Failures));
        var output = Path.Combine(harness.Data, "out");
        Assert.Equal(csv, await File.ReadAllTextAsync(Path.Combine(output, "2026-01-05.csv")));
        Assert.Equal("a,b\n", await File.ReadAllTextAsync(Path.Combine(output, "2026-01-05", "part-0.csv")));
        Assert.Equal([0, 1, 2, 255, 254], await File.ReadAllBytesAsync(Path.Combine(output, "2026-01-05", "nested", "blob.bin")));
        Assert.False(File.Exists(Path.Combine(output, "2026-01-05", "_SUCCESS")));
        Assert.Equal(
            ["copies/raw/2026-01-05.csv", "copies/t/dt=2026-01-05/_SUCCESS", "copies/t/dt=2026-01-05/nested/blob.bin", "copies/t/dt=2026-01-05/part-0.csv",
             "raw/2026-01-05.csv", "tables/t/dt=2026-01-05/_SUCCESS", "tables/t/dt=2026-01-05/nested/blob.bin", "tables/t/dt=2026-01-05/part-0.csv"],
            await server.KeysAsync(bucket));
        // The copies were made on the server: nothing was downloaded but what s3.get fetched.
        Assert.Equal(3, harness.Connections.Requests.Of(Client.S3RequestKind.Get));
        Assert.Equal(3, harness.Store.Requests.Of(Client.S3RequestKind.Copy));
    }

    [Fact]
    public async Task Put_and_copy_to_an_explicit_destination_write_directly_with_the_flag_last()
    {
        var bucket = await server.CreateBucketAsync();
        await using var harness = new EngineHarness(server);
        var folder = Path.Combine(harness.Data, "export");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "part-0.csv"), "x\n");
        harness.WriteWorkflow("direct.yml", $$"""
            workflow: Direct
            tasks:
              Publish:
                uses: s3.put
                with: {from: "{{folder}}", to: "s3://{{bucket}}/published/"}
                outputs:
                  done: {marker: "s3://{{bucket}}/markers/publish.json"}
              Mirror:
                requires: [Publish]
                uses: s3.copy
                with: {from: "s3://{{bucket}}/published/", to: "s3://{{bucket}}/mirror/"}
                outputs:
                  done: {marker: "s3://{{bucket}}/markers/mirror.json"}

            """);

        var result = await harness.RunAsync("Direct", new Dictionary<string, string>());

        Assert.True(result.Count(TaskOutcome.Succeeded) == 2, string.Join(Environment.NewLine, harness.Failures));
        Assert.Equal(
            ["markers/mirror.json", "markers/publish.json", "mirror/_SUCCESS", "mirror/part-0.csv", "published/_SUCCESS", "published/part-0.csv"],
            await server.KeysAsync(bucket));
        Assert.Contains("\"task\"", await server.ReadAsync(bucket, "markers/publish.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_a_prefix_without_its_flag_fails_saying_its_writer_has_not_finished()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "t/dt=2026-01-05/part-0.csv");
        await using var harness = new EngineHarness(server);
        harness.WriteWorkflow("get.yml", $$"""
            workflow: Get
            tasks:
              Fetch:
                uses: s3.get
                with: {from: "s3://{{bucket}}/t/dt=2026-01-05/"}
                outputs:
                  folder: {folder: "${config.data_dir}/fetched"}
              FetchMissing:
                uses: s3.get
                with: {from: "s3://{{bucket}}/nothing/here.csv"}
                outputs: {file: "${config.data_dir}/here.csv"}

            """);

        var result = await harness.RunAsync("Get", new Dictionary<string, string>());

        Assert.Equal(2, result.Count(TaskOutcome.Failed));
        Assert.Contains(harness.Failures, f => f.Contains($"s3://{bucket}/t/dt=2026-01-05/ has no _SUCCESS object", StringComparison.Ordinal));
        Assert.Contains(harness.Failures, f => f.Contains($"s3://{bucket}/nothing/here.csv does not exist", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(harness.Data, "fetched")));
    }
}
