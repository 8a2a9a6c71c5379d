using System.Collections.Concurrent;
using Loader.S3.Client;
using Loader.S3.Settings;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Steps;

/// <summary>The S3 clients the steps share: one per distinct <c>s3:</c> configuration, built on first use.</summary>
public sealed class S3Connections : IDisposable
{
    private readonly ConcurrentDictionary<S3Settings, Lazy<S3Objects>> _clients = new();

    /// <summary>The requests the steps have sent, by kind.</summary>
    public S3RequestCounter Requests { get; } = new();

    /// <summary>The client for the <c>s3:</c> section of <paramref name="configuration"/>.</summary>
    internal S3Objects For(IConfiguration configuration)
    {
        var settings = S3Settings.From(configuration);
        return _clients.GetOrAdd(settings, s => new Lazy<S3Objects>(() => new S3Objects(S3ClientFactory.Create(s, Requests), s))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
