using Loader.Configuration;
using Loader.S3.Addressing;
using Loader.S3.Settings;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Client;

/// <summary>
/// Reads <c>s3://bucket/key</c> files for <see cref="FileSources"/> (credentials files, load sources), with the
/// <c>s3:</c> section of <paramref name="configuration"/>, read at each use.
/// </summary>
public sealed class S3FileSource(IConfiguration configuration) : IFileSource
{
    /// <inheritdoc />
    public async Task<string> ReadTextAsync(string url, CancellationToken cancellationToken)
    {
        using var objects = Open();
        return await objects.ReadTextAsync(Object(url), cancellationToken);
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string url, string localPath, CancellationToken cancellationToken)
    {
        using var objects = Open();
        await objects.DownloadAsync(Object(url), localPath, cancellationToken);
    }

    private S3Objects Open()
    {
        var settings = S3Settings.From(configuration);
        return new S3Objects(S3ClientFactory.Create(settings, new S3RequestCounter()), settings);
    }

    private static S3Location Object(string url)
    {
        S3Location location;
        try
        {
            location = S3Location.Parse(url);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(e.Message, e);
        }
        return location.IsPrefix
            ? throw new ConfigurationException($"{url} is a prefix (it ends with '/'), not a file: name the object, such as s3://bucket/folder/file")
            : location;
    }
}
