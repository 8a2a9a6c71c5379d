using Loader.S3.Addressing;
using Loader.S3.Targets;
using Loader.S3.Tests.Support;
using Loader.Targets;

namespace Loader.S3.Tests.Targets;

[Collection(S3Collection.Name)]
public sealed class CommitTests(S3rverServer server)
{
    [Fact]
    public async Task A_file_is_staged_locally_and_appears_on_S3_only_at_commit()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = server.NewStore();
        var target = new Target(TargetKind.File, $"s3://{bucket}/out/2026-01-01.csv");

        var staged = await store.PrepareAsync(target, CancellationToken.None);
        await File.WriteAllTextAsync(staged, "id,name\n1,Ada\n");
        var before = await store.WhichExistAsync([target], CancellationToken.None);
        await store.CommitAsync(target, staged, "", CancellationToken.None);

        Assert.Empty(before);
        Assert.StartsWith(server.Settings.StagingFolder, staged, StringComparison.Ordinal);
        Assert.Equal("id,name\n1,Ada\n", await server.ReadAsync(bucket, "out/2026-01-01.csv"));
        Assert.False(File.Exists(staged));
        Assert.Equal([target], await store.WhichExistAsync([target], CancellationToken.None));
    }

    [Fact]
    public async Task A_flag_prefix_gets_its_data_first_and_the_SUCCESS_object_last()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = server.NewStore();
        using var reader = server.NewStore();
        var target = new Target(TargetKind.Flag, $"s3://{bucket}/warehouse/t/dt=2026-01-01/");
        var staged = await store.PrepareAsync(target, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(staged, $"part-{i}.csv"), $"row {i}\n");
        }
        Directory.CreateDirectory(Path.Combine(staged, "sub"));
        await File.WriteAllTextAsync(Path.Combine(staged, "sub", "extra.txt"), "extra");
        List<string>? keysBeforeFlag = null;
        IReadOnlySet<Target>? seenBeforeFlag = null;
        store.BeforeFlag = async (_, token) =>
        {
            keysBeforeFlag = await server.KeysAsync(bucket, "warehouse/t/dt=2026-01-01/");
            seenBeforeFlag = await reader.WhichExistAsync([target], token);
        };

        await store.CommitAsync(target, staged, "", CancellationToken.None);

        Assert.Equal(
            ["warehouse/t/dt=2026-01-01/part-0.csv", "warehouse/t/dt=2026-01-01/part-1.csv", "warehouse/t/dt=2026-01-01/part-2.csv",
             "warehouse/t/dt=2026-01-01/part-3.csv", "warehouse/t/dt=2026-01-01/part-4.csv", "warehouse/t/dt=2026-01-01/sub/extra.txt"],
            keysBeforeFlag);
        Assert.Empty(seenBeforeFlag!);
        Assert.Equal([target], await reader.WhichExistAsync([target], CancellationToken.None));
        Assert.Equal("row 3\n", await server.ReadAsync(bucket, "warehouse/t/dt=2026-01-01/part-3.csv"));
        Assert.False(Directory.Exists(staged));
    }

    [Fact]
    public async Task Objects_left_under_a_prefix_by_an_earlier_attempt_are_not_committed_with_this_one()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "t/dt=2026-01-01/part-0.csv", "old");
        await server.PutAsync(bucket, "t/dt=2026-01-01/part-9.csv", "left over");
        using var store = server.NewStore();
        var target = new Target(TargetKind.Flag, $"s3://{bucket}/t/dt=2026-01-01/");
        var staged = await store.PrepareAsync(target, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(staged, "part-0.csv"), "new");

        await store.CommitAsync(target, staged, "", CancellationToken.None);

        Assert.Equal(["t/dt=2026-01-01/_SUCCESS", "t/dt=2026-01-01/part-0.csv"], await server.KeysAsync(bucket));
        Assert.Equal("new", await server.ReadAsync(bucket, "t/dt=2026-01-01/part-0.csv"));
    }

    [Fact]
    public async Task A_marker_is_written_by_the_runner_with_its_content()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = server.NewStore();
        var target = new Target(TargetKind.Marker, $"s3://{bucket}/markers/load-2026-01-01.json");

        var writtenAt = await store.PrepareAsync(target, CancellationToken.None);
        await store.CommitAsync(target, writtenAt, """{"task":"Load"}""", CancellationToken.None);

        Assert.Equal("""{"task":"Load"}""", await server.ReadAsync(bucket, "markers/load-2026-01-01.json"));
    }

    [Fact]
    public async Task A_step_that_wrote_nothing_fails_the_commit_and_discard_removes_the_staging()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = server.NewStore();
        var file = new Target(TargetKind.File, $"s3://{bucket}/out/x.csv");
        var flag = new Target(TargetKind.Flag, $"s3://{bucket}/out/p/");
        var stagedFile = await store.PrepareAsync(file, CancellationToken.None);
        var stagedFolder = await store.PrepareAsync(flag, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(stagedFolder, "half.csv"), "half");

        var error = await Assert.ThrowsAsync<IOException>(() => store.CommitAsync(file, stagedFile, "", CancellationToken.None));
        await store.DiscardAsync(file, stagedFile, CancellationToken.None);
        await store.DiscardAsync(flag, stagedFolder, CancellationToken.None);

        Assert.Contains("did not write its output", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(stagedFile)));
        Assert.False(Directory.Exists(stagedFolder));
        Assert.Empty(await server.KeysAsync(bucket));
    }

    [Fact]
    public async Task A_large_file_goes_up_in_parts_byte_for_byte()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = new S3TargetStore(server.Settings with { MultipartThreshold = 6 * 1024 * 1024, PartSize = 5 * 1024 * 1024 });
        var target = new Target(TargetKind.File, $"s3://{bucket}/big/data.bin");
        var content = new byte[12 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        var staged = await store.PrepareAsync(target, CancellationToken.None);
        await File.WriteAllBytesAsync(staged, content);

        await store.CommitAsync(target, staged, "", CancellationToken.None);

        using var response = await server.Admin.Client.GetObjectAsync(bucket, "big/data.bin");
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        // Start, three parts, finish.
        Assert.Equal(5, store.Requests.Of(Client.S3RequestKind.Put));
    }

    [Fact]
    public async Task Without_chunked_encoding_an_upload_is_stored_as_it_was_written()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = server.NewStore();
        var target = new Target(TargetKind.File, $"s3://{bucket}/exact.bin");
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();
        var staged = await store.PrepareAsync(target, CancellationToken.None);
        await File.WriteAllBytesAsync(staged, content);

        await store.CommitAsync(target, staged, "", CancellationToken.None);

        var listed = Assert.Single(await server.Admin.ListAllAsync(new S3Location(bucket, ""), CancellationToken.None));
        Assert.Equal(content.Length, listed.Size);
    }
}
