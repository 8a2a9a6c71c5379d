using Loader.Targets;
using Microsoft.Extensions.Configuration;

namespace Loader.S3.Targets;

/// <summary>Adds the S3 target store to a runner's target stores.</summary>
public static class S3TargetRegistration
{
    /// <summary>Serves <c>s3://</c> targets with the <c>s3:</c> section of <paramref name="configuration"/>, read on first use.</summary>
    public static TargetStores AddS3(this TargetStores stores, IConfiguration configuration) =>
        stores.Add(new S3TargetStore(configuration));
}
