using System.Net;

namespace Loader.Students.Art;

/// <summary>The HTTP client of one load: a connection per sender, no client-wide timeout (the retry pipeline times each attempt).</summary>
internal static class ArtHttp
{
    public static HttpClient CreateClient(ArtConnection art) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = art.Concurrency + 1,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = art.RequestTimeout < TimeSpan.FromSeconds(30) ? art.RequestTimeout : TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
