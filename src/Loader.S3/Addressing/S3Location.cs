namespace Loader.S3.Addressing;

/// <summary>
/// One place on S3: a bucket and a key. A key that is empty or ends with <c>/</c> is a prefix (a "folder"),
/// any other key is an object.
/// </summary>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="Key">The object key or prefix, without a leading <c>/</c>.</param>
public sealed record S3Location(string Bucket, string Key)
{
    /// <summary>The URL scheme of S3 locations.</summary>
    public const string Scheme = "s3";

    private const string UrlStart = "s3://";

    /// <summary>Whether this is a prefix (the key is empty or ends with <c>/</c>) rather than an object.</summary>
    public bool IsPrefix => Key.Length == 0 || Key.EndsWith('/');

    /// <summary>This location as a prefix: the key with a trailing <c>/</c> (the bucket's root stays empty).</summary>
    public S3Location AsPrefix() => IsPrefix ? this : this with { Key = Key + "/" };

    /// <summary>The location of <paramref name="relative"/> (with <c>/</c> separators) under this prefix.</summary>
    public S3Location Child(string relative) => this with { Key = AsPrefix().Key + relative };

    /// <summary>The last part of the key: an object's file name, or a prefix's folder name.</summary>
    public string Name
    {
        get
        {
            var trimmed = Key.TrimEnd('/');
            return trimmed[(trimmed.LastIndexOf('/') + 1)..];
        }
    }

    /// <summary>Whether <paramref name="text"/> is an <c>s3://</c> URL.</summary>
    public static bool IsS3Url(string? text) => text?.StartsWith(UrlStart, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Reads <c>s3://bucket/key</c>; a <see cref="FormatException"/> naming the URL when it is not one.</summary>
    public static S3Location Parse(string url)
    {
        if (!IsS3Url(url))
        {
            throw new FormatException($"'{url}' is not an S3 URL: write it as s3://bucket/key (an object) or s3://bucket/prefix/ (a prefix)");
        }
        var rest = url[UrlStart.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? "" : rest[(slash + 1)..];
        if (!BucketNames.IsValid(bucket))
        {
            throw new FormatException($"'{bucket}' in {url} is not a bucket name: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        if (key.StartsWith('/') || key.Contains("//", StringComparison.Ordinal))
        {
            throw new FormatException($"{url} has an empty path segment ('//'): S3 keys would not match what you meant; remove the extra '/'");
        }
        return new S3Location(bucket, key);
    }

    /// <inheritdoc />
    public override string ToString() => $"{UrlStart}{Bucket}/{Key}";
}
