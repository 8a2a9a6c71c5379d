using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Loader.Configuration;
using Loader.S3.Addressing;
using Loader.S3.Settings;

namespace Loader.S3.Client;

/// <summary>
/// Turns the SDK's exceptions into one clear message naming the bucket and key and what to do:
/// <see cref="ConfigurationException"/> for what the user must fix (credentials, endpoint, region, a missing bucket),
/// <see cref="S3ObjectMissingException"/> for a missing object, <see cref="IOException"/> for the rest.
/// </summary>
internal static class S3Errors
{
    private static readonly HashSet<string> Refusals = new(StringComparer.Ordinal)
    {
        "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "AllAccessDisabled",
    };

    /// <summary>The exception to throw instead of <paramref name="error"/>, met while doing <paramref name="action"/> on <paramref name="where"/>.</summary>
    public static Exception Explain(Exception error, string action, S3Location where, S3Settings settings)
    {
        var server = settings.Describe();
        switch (error)
        {
            case AmazonS3Exception { ErrorCode: "NoSuchBucket" }:
                // Not "nothing exists yet": no run could write there, so it is for the user to fix.
                return new ConfigurationException($"bucket '{where.Bucket}' does not exist at {server} (while trying to {action} {where}): create it, or correct the bucket name", error);
            case AmazonS3Exception s3 when s3.ErrorCode is "NoSuchKey" || s3.StatusCode == HttpStatusCode.NotFound:
                return new S3ObjectMissingException($"{where} does not exist (while trying to {action} it): check the key, or that the task writing it has run", error);
            case AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.Forbidden || Refusals.Contains(s3.ErrorCode ?? ""):
                return new ConfigurationException(
                    $"{server} refused to {action} {where} ({s3.ErrorCode}: {s3.Message}): check s3.access_key and s3.secret_key in config/secret.yml "
                    + "(or the credentials the AWS SDK finds: AWS_ACCESS_KEY_ID, ~/.aws/credentials), and that they may use bucket '" + where.Bucket + "'", error);
            case AmazonServiceException { InnerException: HttpRequestException http }:
                return Unreachable(http, action, where, settings);
            case HttpRequestException http:
                return Unreachable(http, action, where, settings);
            case AmazonServiceException service:
                return new IOException($"{server} could not {action} {where}: {service.ErrorCode ?? service.StatusCode.ToString()} {service.Message}", error);
            case AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase):
                return new ConfigurationException(
                    $"no S3 credentials to {action} {where}: set s3.access_key and s3.secret_key (the secret in config/secret.yml), or give the AWS SDK credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an instance role)", error);
            case AmazonClientException client when client.Message.Contains("Region", StringComparison.OrdinalIgnoreCase):
                return new ConfigurationException($"no S3 region to {action} {where}: set s3.region (such as eu-west-1) or s3.endpoint, or AWS_REGION ({client.Message})", error);
            case AmazonClientException client:
                return new IOException($"cannot {action} {where} at {server}: {client.Message}", error);
            default:
                return error;
        }
    }

    private static IOException Unreachable(HttpRequestException http, string action, S3Location where, S3Settings settings) =>
        new($"cannot reach S3 at {settings.Describe()} to {action} {where}: {http.Message}; check s3.endpoint and that the server is running", http);
}
