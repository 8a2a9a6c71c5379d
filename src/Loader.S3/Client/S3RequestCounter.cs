namespace Loader.S3.Client;

/// <summary>
/// Counts the HTTP requests sent to S3, retries included, by kind. Tests and the benchmark assert with it
/// that a completeness check costs one listing per page, not one probe per target.
/// </summary>
public sealed class S3RequestCounter
{
    private readonly long[] _counts = new long[Enum.GetValues<S3RequestKind>().Length];

    /// <summary>Every request.</summary>
    public long Total => Enum.GetValues<S3RequestKind>().Sum(this.Of);

    /// <summary>Bucket listings.</summary>
    public long Lists => Of(S3RequestKind.List);

    /// <summary>HEAD requests.</summary>
    public long Heads => Of(S3RequestKind.Head);

    /// <summary>The requests of one kind.</summary>
    public long Of(S3RequestKind kind) => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Starts every count again from zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Total} requests (" + string.Join(", ", Enum.GetValues<S3RequestKind>().Where(k => Of(k) > 0).Select(k => $"{Of(k)} {k.ToString().ToLowerInvariant()}")) + ")";

    /// <summary>Counts one request.</summary>
    internal void Count(HttpRequestMessage request) => Interlocked.Increment(ref _counts[(int)Classify(request)]);

    private static S3RequestKind Classify(HttpRequestMessage request)
    {
        var query = request.RequestUri?.Query ?? "";
        if (request.Method == HttpMethod.Head)
        {
            return S3RequestKind.Head;
        }
        if (request.Method == HttpMethod.Get)
        {
            return query.Contains("list-type=", StringComparison.Ordinal) ? S3RequestKind.List : S3RequestKind.Get;
        }
        if (request.Method == HttpMethod.Put)
        {
            return request.Headers.Contains("x-amz-copy-source") ? S3RequestKind.Copy : S3RequestKind.Put;
        }
        if (request.Method == HttpMethod.Delete || (request.Method == HttpMethod.Post && query.Contains("delete", StringComparison.Ordinal)))
        {
            return S3RequestKind.Delete;
        }
        return request.Method == HttpMethod.Post && query.Contains("upload", StringComparison.Ordinal) ? S3RequestKind.Put : S3RequestKind.Other;
    }
}
