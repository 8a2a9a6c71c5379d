namespace Loader.Targets;

/// <summary>One output of one task instance: a kind and a location (a path, or a URL such as <c>s3://bucket/key</c>).</summary>
/// <param name="Kind">What kind of output it is.</param>
/// <param name="Location">Where it is.</param>
/// <param name="TaskKey">The key of the task that writes it: what a marker table records as its update id.</param>
public sealed record Target(TargetKind Kind, string Location, string TaskKey = "")
{
    /// <summary>The name of the flag file that completes a <see cref="TargetKind.Flag"/> folder.</summary>
    public const string SuccessFlag = "_SUCCESS";

    /// <summary>The URL scheme of the location: <c>file</c> for plain paths.</summary>
    public string Scheme
    {
        get
        {
            var colon = Location.IndexOf("://", StringComparison.Ordinal);
            return colon > 0 ? Location[..colon] : "file";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Location;
}
