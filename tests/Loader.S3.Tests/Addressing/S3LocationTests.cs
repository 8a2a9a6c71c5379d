using Loader.S3.Addressing;

namespace Loader.S3.Tests.Addressing;

public sealed class S3LocationTests
{
    [Theory]
    [InlineData("s3://bucket/a/b.csv", "bucket", "a/b.csv", false)]
    [InlineData("s3://bucket/warehouse/t/dt=2026-01-01/", "bucket", "warehouse/t/dt=2026-01-01/", true)]
    [InlineData("s3://bucket", "bucket", "", true)]
    [InlineData("s3://bucket/", "bucket", "", true)]
    public void Parses_bucket_key_and_whether_it_is_a_prefix(string url, string bucket, string key, bool isPrefix)
    {
        var location = S3Location.Parse(url);

        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(key, location.Key);
        Assert.Equal(isPrefix, location.IsPrefix);
    }

    [Theory]
    [InlineData("/data/x.csv", "not an S3 URL")]
    [InlineData("s3://Bad_Bucket/x", "is not a bucket name")]
    [InlineData("s3://bucket//x", "empty path segment")]
    public void Rejects_what_is_not_an_s3_url_with_a_message_naming_it(string url, string message)
    {
        var error = Assert.Throws<FormatException>(() => S3Location.Parse(url));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Child_of_an_object_treats_it_as_a_prefix()
    {
        var location = S3Location.Parse("s3://bucket/out");

        Assert.Equal("s3://bucket/out/part-0.csv", location.Child("part-0.csv").ToString());
        Assert.Equal("out", location.Name);
    }
}
