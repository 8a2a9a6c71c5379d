namespace Loader.Configuration;

/// <summary>Reads files named by URL of one scheme, such as <c>s3://bucket/key</c> (see <see cref="FileSources"/>).</summary>
public interface IFileSource
{
    /// <summary>The whole content of the file at <paramref name="url"/>, as UTF-8 text.</summary>
    Task<string> ReadTextAsync(string url, CancellationToken cancellationToken);

    /// <summary>Copies the file at <paramref name="url"/> to <paramref name="localPath"/>, replacing it.</summary>
    Task DownloadAsync(string url, string localPath, CancellationToken cancellationToken);
}
