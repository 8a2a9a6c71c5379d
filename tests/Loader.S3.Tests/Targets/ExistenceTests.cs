using Loader.Configuration;
using Loader.S3.Client;
using Loader.S3.Tests.Support;
using Loader.Targets;

namespace Loader.S3.Tests.Targets;

[Collection(S3Collection.Name)]
public sealed class ExistenceTests(S3rverServer server)
{
    [Fact]
    public async Task An_object_exists_when_its_key_does_and_not_when_only_a_longer_key_does()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "out/2026-01-01.csv");
        await server.PutAsync(bucket, "out/2026-01-02.csv.tmp");
        using var store = server.NewStore();
        var present = new Target(TargetKind.File, $"s3://{bucket}/out/2026-01-01.csv");
        var missing = new Target(TargetKind.File, $"s3://{bucket}/out/2026-01-02.csv");
        var marker = new Target(TargetKind.Marker, $"s3://{bucket}/out/2026-01-03.json");

        var existing = await store.WhichExistAsync([present, missing, marker], CancellationToken.None);

        Assert.Equal([present], existing);
    }

    [Fact]
    public async Task A_prefix_counts_only_with_its_SUCCESS_object()
    {
        var bucket = await server.CreateBucketAsync();
        await server.PutAsync(bucket, "warehouse/t/dt=2026-01-01/part-0.csv");
        await server.PutAsync(bucket, "warehouse/t/dt=2026-01-01/_SUCCESS", "");
        await server.PutAsync(bucket, "warehouse/t/dt=2026-01-02/part-0.csv");
        await server.PutAsync(bucket, "warehouse/t/dt=2026-01-03/nested/_SUCCESS", "");
        using var store = server.NewStore();
        var complete = Flag(bucket, "warehouse/t/dt=2026-01-01/");
        var withoutFlag = Flag(bucket, "warehouse/t/dt=2026-01-02/");
        var flagTooDeep = Flag(bucket, "warehouse/t/dt=2026-01-03/");
        var absent = Flag(bucket, "warehouse/t/dt=2026-01-04/");

        var existing = await store.WhichExistAsync([complete, withoutFlag, flagTooDeep, absent], CancellationToken.None);

        Assert.Equal([complete], existing);
    }

    [Fact]
    public async Task Sixty_daily_partitions_cost_one_listing_not_sixty_probes()
    {
        var bucket = await server.CreateBucketAsync();
        var days = Enumerable.Range(0, 60).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToList();
        foreach (var day in days.Where((_, i) => i % 7 != 3))
        {
            await server.PutAsync(bucket, $"warehouse/t/dt={day:yyyy-MM-dd}/part-0.csv");
            await server.PutAsync(bucket, $"warehouse/t/dt={day:yyyy-MM-dd}/_SUCCESS", "");
        }
        // Other tables and days outside the interval share the bucket; the listing must not wade through them.
        await server.PutAsync(bucket, "warehouse/t/dt=2025-12-31/_SUCCESS", "");
        await server.PutAsync(bucket, "warehouse/u/dt=2026-01-01/_SUCCESS", "");
        using var store = server.NewStore();
        var targets = days.Select(d => Flag(bucket, $"warehouse/t/dt={d:yyyy-MM-dd}/")).ToList();

        var existing = await store.WhichExistAsync(targets, CancellationToken.None);

        Assert.Equal(targets.Where((_, i) => i % 7 != 3).ToHashSet(), existing.ToHashSet());
        Assert.Equal(1, store.Requests.Lists);
        Assert.Equal(1, store.Requests.Total);
    }

    [Fact]
    public async Task A_listing_over_more_than_one_page_costs_one_request_per_page()
    {
        var bucket = await server.CreateBucketAsync();
        var days = Enumerable.Range(0, 600).Select(i => new DateOnly(2024, 1, 1).AddDays(i)).ToList();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (day, _) =>
        {
            await server.PutAsync(bucket, $"t/dt={day:yyyy-MM-dd}/part-0.csv");
            await server.PutAsync(bucket, $"t/dt={day:yyyy-MM-dd}/_SUCCESS", "");
        });
        using var store = server.NewStore();

        var existing = await store.WhichExistAsync(days.Select(d => Flag(bucket, $"t/dt={d:yyyy-MM-dd}/")).ToList(), CancellationToken.None);

        Assert.Equal(600, existing.Count);
        // 1,200 keys in pages of 1,000.
        Assert.Equal(2, store.Requests.Lists);
        Assert.Equal(0, store.Requests.Heads);
    }

    [Fact]
    public async Task A_missing_bucket_is_a_configuration_error_naming_it()
    {
        using var store = server.NewStore();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            store.WhichExistAsync([Flag("no-such-bucket-here", "t/dt=2026-01-01/")], CancellationToken.None));

        Assert.Contains("bucket 'no-such-bucket-here' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("list s3://no-such-bucket-here/t/)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_say_which_keys_to_check()
    {
        var bucket = await server.CreateBucketAsync();
        using var store = new Loader.S3.Targets.S3TargetStore(server.Settings with { AccessKey = "WRONG" });

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            store.WhichExistAsync([Flag(bucket, "t/dt=2026-01-01/")], CancellationToken.None));

        Assert.Contains("s3.access_key", error.Message, StringComparison.Ordinal);
        Assert.Contains(bucket, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_named()
    {
        using var store = new Loader.S3.Targets.S3TargetStore(server.Settings with { Endpoint = new Uri("http://127.0.0.1:9") });

        var error = await Assert.ThrowsAsync<IOException>(() =>
            store.WhichExistAsync([Flag("bucket", "t/dt=2026-01-01/")], CancellationToken.None));

        Assert.Contains("cannot reach S3 at http://127.0.0.1:9", error.Message, StringComparison.Ordinal);
        Assert.IsNotType<S3ObjectMissingException>(error);
    }

    private static Target Flag(string bucket, string prefix) => new(TargetKind.Flag, $"s3://{bucket}/{prefix}");
}
