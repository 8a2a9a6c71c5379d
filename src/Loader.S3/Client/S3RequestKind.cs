namespace Loader.S3.Client;

/// <summary>What an S3 request does, as <see cref="S3RequestCounter"/> counts it.</summary>
public enum S3RequestKind
{
    /// <summary>A bucket listing (ListObjectsV2).</summary>
    List,

    /// <summary>A HEAD: whether an object or bucket exists.</summary>
    Head,

    /// <summary>An object download.</summary>
    Get,

    /// <summary>An upload: a whole object, a part, the start or end of a multipart upload, or a new bucket.</summary>
    Put,

    /// <summary>A server-side copy.</summary>
    Copy,

    /// <summary>A deletion: one object, or a batch of up to 1,000 keys.</summary>
    Delete,

    /// <summary>Anything else.</summary>
    Other,
}
