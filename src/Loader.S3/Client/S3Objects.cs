using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Loader.S3.Addressing;
using Loader.S3.Settings;
using S3Location = Loader.S3.Addressing.S3Location;

namespace Loader.S3.Client;

/// <summary>The S3 requests Loader makes, each with errors explained (<see cref="S3Errors"/>).</summary>
internal sealed class S3Objects(IAmazonS3 client, S3Settings settings) : IDisposable
{
    /// <summary>S3's limit of keys per batch deletion.</summary>
    private const int DeleteBatch = 1000;

    /// <summary>The settings the client was built from.</summary>
    public S3Settings Settings => settings;

    /// <summary>The SDK client, for requests this class does not make.</summary>
    public IAmazonS3 Client => client;

    /// <summary>
    /// Lists keys under <paramref name="prefix"/> page by page, after <paramref name="startAfter"/> when given;
    /// errors name <paramref name="about"/> (default: the prefix).
    /// </summary>
    public async IAsyncEnumerable<ListingPage> ListAsync(
        string bucket, string prefix, string? delimiter, string? startAfter, [EnumeratorCancellation] CancellationToken cancellationToken, S3Location? about = null)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = delimiter, StartAfter = startAfter };
        while (true)
        {
            var response = await Call(() => client.ListObjectsV2Async(request, cancellationToken), "list", about ?? new S3Location(bucket, prefix));
            yield return new ListingPage(
                response.S3Objects?.Select(o => new ListedObject(o.Key, o.Size ?? 0)).ToList() ?? [],
                response.CommonPrefixes ?? []);
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }
            request.ContinuationToken = response.NextContinuationToken;
            request.StartAfter = null;
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>, at any depth.</summary>
    public async Task<IReadOnlyList<ListedObject>> ListAllAsync(S3Location prefix, CancellationToken cancellationToken)
    {
        var objects = new List<ListedObject>();
        await foreach (var page in ListAsync(prefix.Bucket, prefix.Key, null, null, cancellationToken))
        {
            objects.AddRange(page.Objects);
        }
        return objects;
    }

    /// <summary>Uploads the file at <paramref name="path"/>, in parts when it is large.</summary>
    public Task PutFileAsync(S3Location to, string path, CancellationToken cancellationToken) =>
        new FileInfo(path).Length > settings.MultipartThreshold
            ? PutInPartsAsync(to, path, cancellationToken)
            : Call(() => client.PutObjectAsync(
                new PutObjectRequest { BucketName = to.Bucket, Key = to.Key, FilePath = path, UseChunkEncoding = settings.ChunkedEncoding },
                cancellationToken), "upload to", to);

    /// <summary>Uploads <paramref name="text"/> as the whole object.</summary>
    public Task PutTextAsync(S3Location to, string text, CancellationToken cancellationToken) =>
        Call(() => client.PutObjectAsync(
            new PutObjectRequest { BucketName = to.Bucket, Key = to.Key, ContentBody = text, UseChunkEncoding = settings.ChunkedEncoding },
            cancellationToken), "write", to);

    /// <summary>Downloads <paramref name="from"/> to the file at <paramref name="path"/>, replacing it.</summary>
    public async Task DownloadAsync(S3Location from, string path, CancellationToken cancellationToken)
    {
        using var response = await Call(() => client.GetObjectAsync(from.Bucket, from.Key, cancellationToken), "download", from);
        await Call(() => response.WriteResponseStreamToFileAsync(path, append: false, cancellationToken), "download", from);
    }

    /// <summary>The whole object <paramref name="from"/>, as UTF-8 text.</summary>
    public async Task<string> ReadTextAsync(S3Location from, CancellationToken cancellationToken)
    {
        using var response = await Call(() => client.GetObjectAsync(from.Bucket, from.Key, cancellationToken), "read", from);
        using var reader = new StreamReader(response.ResponseStream);
        return await Call(() => reader.ReadToEndAsync(cancellationToken), "read", from);
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/> on the server (objects up to 5 GB).</summary>
    public Task CopyAsync(S3Location from, S3Location to, CancellationToken cancellationToken) =>
        Call(() => client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = from.Bucket,
            SourceKey = from.Key,
            DestinationBucket = to.Bucket,
            DestinationKey = to.Key,
        }, cancellationToken), $"copy {from} to", to);

    /// <summary>Deletes one object; deleting one that does not exist is not an error.</summary>
    public Task DeleteAsync(S3Location target, CancellationToken cancellationToken) =>
        Call(() => client.DeleteObjectAsync(target.Bucket, target.Key, cancellationToken), "delete", target);

    /// <summary>Deletes <paramref name="keys"/> of <paramref name="bucket"/>, up to 1,000 per request.</summary>
    public async Task DeleteManyAsync(string bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            var where = new S3Location(bucket, batch[0]);
            var response = await Call(() => client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = batch.Select(key => new KeyVersion { Key = key }).ToList(),
                Quiet = true,
            }, cancellationToken), "delete", where);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                var first = errors[0];
                throw new IOException($"{Settings.Describe()} could not delete {errors.Count} object(s) such as {new S3Location(bucket, first.Key)} ({first.Code}: {first.Message})");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    private async Task PutInPartsAsync(S3Location to, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        var started = await Call(() => client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = to.Bucket, Key = to.Key }, cancellationToken), "start an upload to", to);
        try
        {
            var count = (int)((length + settings.PartSize - 1) / settings.PartSize);
            var tags = new PartETag[count];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
            {
                var offset = i * settings.PartSize;
                var response = await Call(() => client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = to.Bucket,
                    Key = to.Key,
                    UploadId = started.UploadId,
                    PartNumber = i + 1,
                    FilePath = path,
                    FilePosition = offset,
                    PartSize = Math.Min(settings.PartSize, length - offset),
                    IsLastPart = i == count - 1,
                    UseChunkEncoding = settings.ChunkedEncoding,
                }, token), $"upload part {i + 1} of {count} to", to);
                tags[i] = new PartETag(i + 1, response.ETag);
            });
            await Call(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = to.Bucket,
                Key = to.Key,
                UploadId = started.UploadId,
                PartETags = [.. tags],
            }, cancellationToken), "finish the upload to", to);
        }
        catch
        {
            // Parts of an abandoned upload are billed until aborted; the upload's own error is the one to report.
            try
            {
                await client.AbortMultipartUploadAsync(to.Bucket, to.Key, started.UploadId, CancellationToken.None);
            }
            catch (Exception abort) when (abort is AmazonServiceException or HttpRequestException)
            {
            }
            throw;
        }
    }

    private async Task<T> Call<T>(Func<Task<T>> request, string action, S3Location where)
    {
        try
        {
            return await request();
        }
        catch (Exception e) when (e is not OperationCanceledException && S3Errors.Explain(e, action, where, settings) is var explained && explained != e)
        {
            throw explained;
        }
    }

    private async Task Call(Func<Task> request, string action, S3Location where) =>
        await Call(async () => { await request(); return true; }, action, where);
}
