namespace Loader.Studio.Api;

/// <summary>The body of a plan or run request: parameter values as text, by name, and families to force.</summary>
public sealed record RunRequestBody(Dictionary<string, string>? Parameters, List<string>? Force)
{
    /// <summary>The parameter values, never null.</summary>
    public IReadOnlyDictionary<string, string> Arguments => Parameters ?? [];

    /// <summary>The forced families, never null.</summary>
    public IReadOnlySet<string> Forced => (Force ?? []).ToHashSet(StringComparer.Ordinal);
}
