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

    /// <summary>
    /// Where the output lives, written one way (no <c>file://</c>, a local path made absolute, no trailing <c>/</c>), to
    /// find two tasks that write the same place; null for a marker row in a table (<c>mysql://</c>): tasks share a
    /// table, each one's row told apart by its key.
    /// </summary>
    public string? Place => PlaceOf(Kind, Location);

    /// <summary>The <see cref="Place"/> of an output of <paramref name="kind"/> at <paramref name="location"/>.</summary>
    public static string? PlaceOf(TargetKind kind, string location)
    {
        if (kind == TargetKind.Marker && location.StartsWith("mysql://", StringComparison.Ordinal))
        {
            return null;
        }
        var trimmed = location.Length > 1 ? location.TrimEnd('/') : location;
        if (trimmed.StartsWith("file://", StringComparison.Ordinal))
        {
            trimmed = trimmed[7..];
        }
        return trimmed.Trim().Length == 0 || trimmed.Contains("://", StringComparison.Ordinal) || trimmed.Contains("${", StringComparison.Ordinal)
            ? trimmed
            : Path.GetFullPath(trimmed);
    }

    /// <inheritdoc />
    public override string ToString() => Location;
}
