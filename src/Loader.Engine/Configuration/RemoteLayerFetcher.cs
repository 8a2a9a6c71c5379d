using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Loader.Yaml;
using Microsoft.Extensions.Configuration;

namespace Loader.Configuration;

/// <summary>
/// Fetches the remote layers of <see cref="ConfigLayers.Urls"/>: <c>https://</c> (and <c>http://</c> to loopback
/// only) with <paramref name="http"/>, other schemes such as <c>s3://</c> with the <see cref="FileSources"/> that
/// <paramref name="files"/> builds from the local layers, as a remote layer cannot say how to fetch itself.
/// </summary>
public sealed class RemoteLayerFetcher(Func<IConfiguration, FileSources> files, HttpClient http)
{
    /// <summary>Every remote layer of <paramref name="layers"/>, lowest first; none without URLs.</summary>
    /// <exception cref="ConfigurationException">A URL that is not one, not https (beyond loopback), of an unknown scheme, or a layer over the size limit.</exception>
    /// <exception cref="ConfigurationFetchException">A layer that cannot be fetched.</exception>
    public async Task<IReadOnlyList<RemoteLayer>> FetchAsync(ConfigLayers layers, CancellationToken cancellationToken)
    {
        if (layers.Urls.Count == 0)
        {
            return [];
        }
        var sources = files(LoaderConfiguration.Load(layers).Root);
        var fetched = new List<RemoteLayer>();
        foreach (var url in layers.Urls)
        {
            fetched.Add(new RemoteLayer(url, await FetchAsync(url, sources, cancellationToken)));
        }
        return fetched;
    }

    private async Task<string> FetchAsync(string url, FileSources sources, CancellationToken cancellationToken)
    {
        var shown = RemoteLayer.Mask(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            throw new ConfigurationException($"configuration URL '{shown}' is not a URL: give https://HOST/PATH or s3://BUCKET/KEY");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new ConfigurationException(
                $"configuration URL {shown}: http:// is refused beyond loopback, as anyone on the way could read or change the configuration: use https://");
        }
        try
        {
            var text = uri.Scheme is "http" or "https" ? await GetAsync(uri, cancellationToken) : await sources.ReadTextAsync(url, cancellationToken);
            return Encoding.UTF8.GetByteCount(text) > YamlLimits.MaxFileBytes ? throw TooBig(shown) : text;
        }
        catch (Exception e) when (e is not (ConfigurationException or OperationCanceledException) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException ? $"no answer within {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : e.Message.Replace(url, shown, StringComparison.Ordinal);
            throw new ConfigurationFetchException($"cannot fetch configuration {shown}: {reason}", e);
        }
    }

    private async Task<string> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { UserName = "", Password = "" }.Uri);
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
        if (response.Content.Headers.ContentLength > YamlLimits.MaxFileBytes)
        {
            throw TooBig(RemoteLayer.Mask(uri.OriginalString));
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > YamlLimits.MaxFileBytes)
            {
                throw TooBig(RemoteLayer.Mask(uri.OriginalString));
            }
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ConfigurationException TooBig(string shown) =>
        new($"{shown}: a configuration layer may be at most {YamlLimits.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (1 MiB): split it");
}
