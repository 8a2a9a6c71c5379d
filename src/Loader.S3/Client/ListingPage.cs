namespace Loader.S3.Client;

/// <summary>One page of a bucket listing: objects (key and size) and, with a delimiter, the common prefixes.</summary>
internal sealed record ListingPage(IReadOnlyList<ListedObject> Objects, IReadOnlyList<string> CommonPrefixes);

/// <summary>One listed object.</summary>
internal sealed record ListedObject(string Key, long Size);
