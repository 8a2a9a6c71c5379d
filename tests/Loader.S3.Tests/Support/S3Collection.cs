namespace Loader.S3.Tests.Support;

/// <summary>The tests that share one s3rver for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3rverServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "s3rver";
}
