using Loader.Planning;

namespace Loader.Studio.Api;

/// <summary>
/// The body of a plan or run request: parameter values as text, by name, and what to force, in the forms <c>loader run</c>
/// takes: <c>force</c> as <c>--force</c> (a family, an instance, or days of it), <c>forceDownstream</c> as <c>--force-downstream</c>.
/// </summary>
public sealed record RunRequestBody(Dictionary<string, string>? Parameters, List<string>? Force, List<string>? ForceDownstream = null)
{
    /// <summary>The parameter values, never null.</summary>
    public IReadOnlyDictionary<string, string> Arguments => Parameters ?? [];

    /// <summary>The force specs; a malformed one throws <see cref="FormatException"/>.</summary>
    public IReadOnlyList<ForceSpec> Forced() => ForceSpec.ParseAll(Force ?? [], ForceDownstream ?? []);
}
