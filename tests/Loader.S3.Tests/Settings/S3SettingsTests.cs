using Loader.Configuration;
using Loader.S3.Settings;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Tests.Settings;

public sealed class S3SettingsTests
{
    [Fact]
    public void Reads_endpoint_region_path_style_credentials_and_chunked_encoding()
    {
        var settings = S3Settings.From(Config(
            ("endpoint", "http://127.0.0.1:4568"), ("region", "eu-west-1"), ("force_path_style", "true"),
            ("access_key", "AK"), ("secret_key", "SK"), ("chunked_encoding", "false")));

        Assert.Equal(new Uri("http://127.0.0.1:4568"), settings.Endpoint);
        Assert.Equal("eu-west-1", settings.Region);
        Assert.True(settings.ForcePathStyle);
        Assert.Equal(("AK", "SK"), (settings.AccessKey, settings.SecretKey));
        Assert.False(settings.ChunkedEncoding);
    }

    [Fact]
    public void Without_a_section_uses_the_SDK_defaults_and_chunked_encoding()
    {
        var settings = S3Settings.From(Config());

        Assert.Null(settings.Endpoint);
        Assert.Null(settings.AccessKey);
        Assert.True(settings.ChunkedEncoding);
        Assert.False(settings.ForcePathStyle);
    }

    [Theory]
    [InlineData("endpoint", "127.0.0.1:4568", "s3.endpoint")]
    [InlineData("force_path_style", "maybe", "s3.force_path_style must be true or false")]
    [InlineData("access_key", "AK", "s3.secret_key")]
    [InlineData("concurrency", "0", "s3.concurrency")]
    public void A_bad_value_names_its_key(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => S3Settings.From(Config((key, value))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"s3:{v.Key}", v.Value)))
            .Build();
}
