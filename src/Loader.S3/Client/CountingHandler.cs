namespace Loader.S3.Client;

/// <summary>Counts each request on its way out.</summary>
internal sealed class CountingHandler(S3RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Count(request);
        return base.SendAsync(request, cancellationToken);
    }
}
