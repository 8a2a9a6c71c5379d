namespace Loader.Targets;

/// <summary>One output of one task instance: a kind and a location (a path, or a URL such as <c>s3://bucket/key</c>).</summary>
public sealed record Target(TargetKind Kind, string Location)
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
