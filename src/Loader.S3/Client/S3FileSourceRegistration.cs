using Loader.Configuration;
using Loader.S3.Addressing;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Client;

/// <summary>Adds the S3 file source to <see cref="FileSources"/>.</summary>
public static class S3FileSourceRegistration
{
    /// <summary>Reads <c>s3://</c> files with the <c>s3:</c> section of <paramref name="configuration"/>.</summary>
    public static FileSources AddS3(this FileSources files, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.Add(S3Location.Scheme, new S3FileSource(configuration));
    }
}
