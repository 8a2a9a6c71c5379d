using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Loader.S3.Settings;

namespace Loader.S3.Client;

/// <summary>Builds the AWS SDK's S3 client from <see cref="S3Settings"/>, with every request counted.</summary>
internal static class S3ClientFactory
{
    /// <summary>A client for <paramref name="settings"/> that counts its requests in <paramref name="counter"/>.</summary>
    public static IAmazonS3 Create(S3Settings settings, S3RequestCounter counter)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            HttpClientFactory = new CountingHttpClientFactory(counter),
        };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            // A custom endpoint cannot tell the SDK its region; signatures need one all the same.
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        if (!settings.ChunkedEncoding)
        {
            // The default CRC32 checksum of SDK v4 travels in an aws-chunked trailer; only send checksums S3 requires.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        return settings.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
