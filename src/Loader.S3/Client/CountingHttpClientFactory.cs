using Amazon.Runtime;

namespace Loader.S3.Client;

/// <summary>Gives the AWS SDK HTTP clients whose every request is counted by <paramref name="counter"/>.</summary>
internal sealed class CountingHttpClientFactory(S3RequestCounter counter) : HttpClientFactory
{
    /// <inheritdoc />
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(new CountingHandler(counter, sockets));
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }
        return client;
    }

    /// <summary>The SDK caches the HTTP clients; with no configuration string (below), per SDK client only.</summary>
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    /// <inheritdoc />
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    /// <summary>Null: the SDK then caches HTTP clients per SDK client rather than globally, so no client counts for another counter.</summary>
    public override string GetConfigUniqueString(IClientConfig clientConfig) => null!;
}
