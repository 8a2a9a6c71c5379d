using System.Collections.Concurrent;

namespace Loader.Configuration;

/// <summary>
/// Where files named in configuration and step inputs are read from: plain paths (and <c>file://</c> URLs) from
/// this machine's disk, other URLs from the <see cref="IFileSource"/> added for their scheme, such as <c>s3</c>.
/// Lets code that reads files (credentials, load sources) take URLs without depending on the storage behind them.
/// </summary>
public sealed class FileSources
{
    private const string SchemeEnd = "://";

    private readonly ConcurrentDictionary<string, IFileSource> _sources = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sources that read local files only, until others are added.</summary>
    public static FileSources Local() => new();

    /// <summary>Reads URLs of <paramref name="scheme"/> (without <c>://</c>) with <paramref name="source"/>.</summary>
    public FileSources Add(string scheme, IFileSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(source);
        _sources[scheme] = source;
        return this;
    }

    /// <summary>Whether <paramref name="location"/> is a file of this machine: a path or a <c>file://</c> URL.</summary>
    public static bool IsLocal(string location) => SchemeOf(location) is null or "file";

    /// <summary>The local path <paramref name="location"/> names, when <see cref="IsLocal"/>: without <c>file://</c>, made absolute.</summary>
    public static string LocalPath(string location) =>
        Path.GetFullPath(SchemeOf(location) == "file" ? location[("file" + SchemeEnd).Length..] : location);

    /// <summary>The text of the file at <paramref name="location"/>, a path or a URL.</summary>
    public Task<string> ReadTextAsync(string location, CancellationToken cancellationToken) =>
        IsLocal(location) ? File.ReadAllTextAsync(LocalPath(location), cancellationToken) : For(location).ReadTextAsync(location, cancellationToken);

    /// <summary>Copies the file at <paramref name="location"/>, a path or a URL, to <paramref name="localPath"/>.</summary>
    public async Task DownloadAsync(string location, string localPath, CancellationToken cancellationToken)
    {
        if (IsLocal(location))
        {
            File.Copy(LocalPath(location), localPath, overwrite: true);
            return;
        }
        await For(location).DownloadAsync(location, localPath, cancellationToken);
    }

    private IFileSource For(string location)
    {
        var scheme = SchemeOf(location)!;
        return _sources.TryGetValue(scheme, out var source)
            ? source
            : throw new ConfigurationException(
                $"{location} cannot be read: {scheme}:// files are not known here (known: local paths{string.Concat(_sources.Keys.Order(StringComparer.Ordinal).Select(s => $", {s}://"))})");
    }

    private static string? SchemeOf(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var end = location.IndexOf(SchemeEnd, StringComparison.Ordinal);
        // "C:\..." has no "://"; a scheme is letters, digits, '+', '-' and '.', starting with a letter.
        return end > 0 && char.IsAsciiLetter(location[0]) && location[..end].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')
            ? location[..end].ToLowerInvariant()
            : null;
    }
}
